using System.Globalization;
using FailSmart.Application.Experiments;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart stats plan --factorial K`: per allocation, the units and days a factorial launch needs for a main effect and for an interaction.</summary>
internal static class FactorialPlanTable
{
    public static Table Create(PlanInput input, int features, IReadOnlyList<double> shares)
    {
        var table = new Table().Title($"A factorial launch of {features.ToString(CultureInfo.InvariantCulture)} features: units and days to detect each kind of effect");
        foreach (string header in new[] { "Allocation", "Units a day", "Main effect: units", "days", "Interaction: units", "days", "Ratio" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (double share in shares)
        {
            if (FactorialPlanner.Plan(input, features, share) is not { } row)
            {
                continue;
            }

            table.AddRow(
                string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.##}%"),
                (input.UnitsPerDay!.Value * share).ToString("N0", CultureInfo.InvariantCulture),
                row.MainEffectUnits.ToString("N0", CultureInfo.InvariantCulture),
                row.MainEffectDays.ToString(CultureInfo.InvariantCulture),
                row.InteractionUnits.ToString("N0", CultureInfo.InvariantCulture),
                row.InteractionDays.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{row.InteractionRatio:0.00}×"));
        }

        return table;
    }
}
