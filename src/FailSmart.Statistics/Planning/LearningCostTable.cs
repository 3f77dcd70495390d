using System.Globalization;

namespace FailSmart.Statistics;

/// <summary>Column headers and invariant-culture cells for printing planner rows as a table.</summary>
public static class LearningCostTable
{
    public static IReadOnlyList<string> Headers { get; } =
        ["Allocation", "Treatment/day", "Days to decision", "Decision date", "Units exposed", "Harm/unit", "Cost if harmful", "Power"];

    public static IReadOnlyList<string> Cells(LearningCostRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CultureInfo c = CultureInfo.InvariantCulture;
        return
        [
            (row.Allocation * 100).ToString("0.##", c) + "%",
            row.TreatmentUnitsPerDay.ToString("N0", c),
            row.DaysToDecision.ToString(c),
            row.DecisionDate?.ToString("yyyy-MM-dd", c) ?? "",
            row.TreatmentUnits.ToString("N0", c),
            row.HarmPerUnit.ToString("G4", c),
            row.ExpectedCost.ToString("N2", c),
            (row.PowerAtDecision * 100).ToString("0.#", c) + "%",
        ];
    }
}
