using System.Text.Json;
using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using StatsAnalysis = FailSmart.Statistics.MetricAnalysis;
using StoreAnalysis = FailSmart.Storage.Events.MetricAnalysis;

namespace FailSmart.Server.Results;

/// <summary>Per-metric decisions and breakdowns.</summary>
internal sealed partial class ExperimentAnalyzer
{
    private MetricResultResponse Metric(MetricSpec spec, ExperimentSubject experiment, StoreAnalysis analysis, double unitsPerDay, BreakdownResponse? breakdown)
    {
        MetricDefinition definition = spec.Definition;
        VariationStatistics control = Arm(analysis.Variations, 0);
        var variations = new List<VariationResultResponse> { Describe(definition, experiment, control) };
        var plan = new MetricPlan(spec.PlannedUnits, unitsPerDay, Direction(definition));
        for (int i = 1; i < experiment.Variations.Count; i++)
        {
            VariationStatistics treatment = Arm(analysis.Variations, i);
            VariationResultResponse described = Describe(definition, experiment, treatment);
            if (ArmComparison.Compare(definition.Kind, control, treatment, definition.QuantileIntervalZ) is not ({ } lifts, bool cuped))
            {
                variations.Add(described with
                {
                    Message = "Too early: not enough units or variation in both arms to compare yet.",
                    Status = Kebab(DecisionStatus.TooEarly),
                });
                continue;
            }

            MetricResult result = StatsAnalysis.Analyze(lifts, control.Units, treatment.Units, plan, clock);
            GuardrailResult? guardrail = definition.Role == MetricRole.Guardrail
                ? StatsAnalysis.AnalyzeGuardrail(lifts, control.Units, treatment.Units, definition.NonInferiorityMargin ?? 0, plan)
                : null;
            variations.Add(described with
            {
                RelativeLift = lifts.Relative.Estimate,
                LiftLower = result.AlwaysValidRelative.ConfidenceInterval.Lower,
                LiftUpper = result.AlwaysValidRelative.ConfidenceInterval.Upper,
                PValue = lifts.Relative.PValueZ,
                CupedApplied = cuped,
                Status = Kebab(result.Decision.Status),
                Message = result.Decision.Message,
                EstimatedDecisionDate = result.Decision.EstimatedDecisionDate,
                Guardrail = guardrail is null ? null : Kebab(guardrail.Verdict),
                GuardrailMessage = guardrail?.Message,
            });
        }

        return new MetricResultResponse(
            definition.Key, Kebab(definition.Kind), Kebab(definition.Role), Kebab(definition.Direction), analysis.CapValue, variations, breakdown);
    }

    private static BreakdownResponse Breakdown(MetricDefinition definition, ExperimentSubject experiment, MetricBreakdown split)
    {
        var rows = new List<(string? Value, int Variation, long ControlUnits, long TreatmentUnits, Comparison? Lifts)>();
        foreach (SegmentStatistics segment in split.Segments)
        {
            VariationStatistics control = Arm(segment.Variations, 0);
            for (int i = 1; i < experiment.Variations.Count; i++)
            {
                VariationStatistics treatment = Arm(segment.Variations, i);
                rows.Add((segment.Value, i, control.Units, treatment.Units, ArmComparison.Compare(definition.Kind, control, treatment, definition.QuantileIntervalZ)?.Lifts));
            }
        }

        // Holm over every segment × treatment comparison that could be made: a false "this market wins"
        // is the error the correction is for.
        int[] tested = [.. Enumerable.Range(0, rows.Count).Where(r => rows[r].Lifts is not null)];
        AdjustedPValues? adjusted = tested.Length == 0 ? null : MultipleTesting.Holm([.. tested.Select(r => rows[r].Lifts!.Relative.PValueZ)]);
        var segments = new List<SegmentResultResponse>();
        for (int r = 0; r < rows.Count; r++)
        {
            int at = Array.IndexOf(tested, r);
            (string? value, int variation, long nc, long nt, Comparison? lifts) = rows[r];
            segments.Add(new SegmentResultResponse(
                value,
                experiment.Variations[variation].Key,
                nc,
                nt,
                lifts?.Relative.Estimate,
                lifts?.Relative.PValueZ,
                at >= 0 ? adjusted!.PValues[at] : null,
                at >= 0 && adjusted!.Rejected[at]));
        }

        return new BreakdownResponse(split.Attribute, "holm", segments);
    }

    private static VariationResultResponse Describe(MetricDefinition definition, ExperimentSubject experiment, VariationStatistics arm) =>
        new(arm.Variation, experiment.Variations[arm.Variation].Key, arm.Units, arm.Sum, arm.SumOfSquares, ArmComparison.Value(definition.Kind, arm));

    private static VariationStatistics Arm(IReadOnlyList<VariationStatistics> variations, int index) =>
        variations.FirstOrDefault(v => v.Variation == index) ?? new VariationStatistics(index, 0, 0, 0);

    internal static string Kebab<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
