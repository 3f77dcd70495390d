using System.Text.Json;
using FailSmart.Protocol.Results;
using FailSmart.Server.Events;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using StatsAnalysis = FailSmart.Statistics.MetricAnalysis;
using StatsDirection = FailSmart.Statistics.MetricDirection;
using StoreAnalysis = FailSmart.Storage.Events.MetricAnalysis;

namespace FailSmart.Server.Results;

/// <summary>Per-metric decisions and breakdowns.</summary>
internal sealed partial class ExperimentAnalyzer
{
    private MetricResultResponse Metric(
        MetricSpec spec, ExperimentSubject experiment, StoreAnalysis analysis, double unitsPerDay, BreakdownResponse? breakdown, int index, List<VerdictSlot> readings)
    {
        MetricDefinition definition = spec.Definition;
        VariationStatistics control = Arm(analysis.Variations, 0);
        var variations = new List<VariationResultResponse> { Describe(definition, experiment, control) };
        var plan = new MetricPlan(spec.PlannedUnits, unitsPerDay, Direction(definition), Alpha);
        string? problem = OutOfRange(definition.Kind, analysis.Variations);
        for (int i = 1; i < experiment.Variations.Count; i++)
        {
            VariationStatistics treatment = Arm(analysis.Variations, i);
            VariationResultResponse described = Describe(definition, experiment, treatment);
            if (problem is not null)
            {
                variations.Add(described with { Message = problem });
                NotYet(i);
                continue;
            }

            if (ArmComparison.Compare(definition.Kind, control, treatment, definition.QuantileIntervalZ) is not ({ } lifts, bool cuped))
            {
                NotYet(i);
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
            SequentialEstimate absolute = ConfidenceSequence.Apply(lifts.Absolute, control.Units + treatment.Units, plan.PlannedUnits, plan.Alpha);
            bool higher = plan.Direction == StatsDirection.HigherIsBetter;
            readings.Add(new VerdictSlot(index, i, new VerdictMetric(
                definition.Key,
                experiment.Variations[i].Key,
                Role(definition.Role),
                plan.Direction,
                lifts.Relative.Estimate,
                result.AlwaysValidRelative.ConfidenceInterval,
                result.AlwaysValidRelative.PValue,
                lifts.Relative.StandardError,
                spec.PlannedUnits,
                definition.Role == MetricRole.Guardrail ? definition.NonInferiorityMargin ?? 0 : 0)));
            variations.Add(described with
            {
                RelativeLift = Finite(lifts.Relative.Estimate),
                LiftLower = Finite(result.AlwaysValidRelative.ConfidenceInterval.Lower),
                LiftUpper = Finite(result.AlwaysValidRelative.ConfidenceInterval.Upper),
                PValue = Finite(lifts.Relative.PValueZ),
                CupedApplied = cuped,
                Status = Kebab(result.Decision.Status),
                Message = result.Decision.Message,
                EstimatedDecisionDate = result.Decision.EstimatedDecisionDate,
                Guardrail = guardrail is null ? null : Kebab(guardrail.Verdict),
                GuardrailMessage = guardrail?.Message,
                AbsoluteEffect = Finite(lifts.Absolute.Estimate),
                AbsoluteLower = Finite(absolute.ConfidenceInterval.Lower),
                AbsoluteUpper = Finite(absolute.ConfidenceInterval.Upper),
                ChanceToWin = Finite(higher ? result.Bayesian.ChanceToWin : 1 - result.Bayesian.ChanceToWin),
                Risk = Finite(higher ? result.Bayesian.RiskTreatment : result.Bayesian.RiskControl),
            });
        }

        FactorialMetricResponse? factorial = FactorialReading.Read(definition, experiment, analysis.Variations, Alpha);
        return new MetricResultResponse(
            definition.Key, Kebab(definition.Kind), Kebab(definition.Role), Kebab(definition.Direction), Finite(analysis.CapValue), variations, breakdown, problem,
            problem is null || factorial is null ? factorial : new FactorialMetricResponse(factorial.Features, null, null, problem));

        // A primary that cannot be compared yet stays in Holm's family (as p = 1), so a later look is not corrected for fewer tests.
        void NotYet(int variation)
        {
            if (definition.Role == MetricRole.Primary)
            {
                readings.Add(new VerdictSlot(index, variation, new VerdictMetric(
                    definition.Key, experiment.Variations[variation].Key, VerdictRole.Primary, plan.Direction, double.NaN,
                    new Interval(double.NaN, double.NaN), double.NaN, double.NaN, spec.PlannedUnits)));
            }
        }
    }

    /// <summary>
    /// Writes the verdict's corrected p-values into the variations they belong to and, while a check is
    /// red, replaces every treatment's status: no number of this phase may be acted on.
    /// </summary>
    private static List<MetricResultResponse> Read(List<MetricResultResponse> metrics, List<VerdictSlot> slots, Verdict verdict, bool red)
    {
        var result = new List<MetricResultResponse>(metrics.Count);
        for (int m = 0; m < metrics.Count; m++)
        {
            var variations = metrics[m].Variations.ToList();
            for (int k = 0; k < slots.Count; k++)
            {
                if (slots[k].Metric == m && verdict.Readings[k] is { } reading && double.IsFinite(slots[k].Reading.AlwaysValidPValue))
                {
                    int at = variations.FindIndex(v => v.Index == slots[k].Variation);
                    variations[at] = variations[at] with { AdjustedPValue = reading.AdjustedPValue, Correction = reading.Correction };
                }
            }

            if (red)
            {
                variations = [.. variations.Select(v => v.Index == 0 ? v : v with
                {
                    Status = VariationResultResponse.DoNotTrust,
                    Message = $"Do not trust: fix and restart. {verdict.Reason}",
                    EstimatedDecisionDate = null,
                    Guardrail = v.Guardrail is null ? null : VariationResultResponse.DoNotTrust,
                    GuardrailMessage = v.Guardrail is null ? null : "Do not trust: fix and restart; a red check makes this guardrail's reading meaningless.",
                })];
            }

            result.Add(metrics[m] with { Variations = variations, Factorial = red ? Untrusted(metrics[m].Factorial, verdict) : metrics[m].Factorial });
        }

        return result;
    }

    /// <summary>A factorial reading while a check is red: its numbers stay visible, its recommendation may not be acted on.</summary>
    private static FactorialMetricResponse? Untrusted(FactorialMetricResponse? factorial, Verdict verdict) =>
        factorial is { Recommendation: not null }
            ? factorial with { Recommendation = FactorialMetricResponse.DoNotTrust, Summary = $"Do not trust: fix and restart. {verdict.Reason}" }
            : factorial;

    private static VerdictRole Role(MetricRole role) => role switch
    {
        MetricRole.Guardrail => VerdictRole.Guardrail,
        MetricRole.Secondary => VerdictRole.Secondary,
        _ => VerdictRole.Primary,
    };

    /// <summary>One metric × treatment handed to the verdict, and where its reading goes back.</summary>
    private sealed record VerdictSlot(int Metric, int Variation, VerdictMetric Reading);

    /// <summary>
    /// Why no arm of this metric can be compared: a sum the engine returned is not a finite double, so
    /// every statistic built on it would be too. Quantiles need only the order of values, not their sums.
    /// </summary>
    private static string? OutOfRange(MetricKind kind, IReadOnlyList<VariationStatistics> arms)
    {
        if (kind == MetricKind.Quantile || arms.All(Finite))
        {
            return null;
        }

        return "Cannot be computed: this metric's sums are beyond the range of a 64-bit float (about ±1.8e308), so no mean, " +
            $"variance or lift can be stated. Some stored values are far larger than the ±{IngestOptions.MaxAbsoluteValue:0e0} that ingestion accepts; " +
            "find them (events of this metric with the largest |value|), then delete or correct them, or cap the metric (capping).";
    }

    private static bool Finite(VariationStatistics arm) =>
        double.IsFinite(arm.Sum) && double.IsFinite(arm.SumOfSquares)
        && (arm.Denominator is not { } d || (double.IsFinite(d.Sum) && double.IsFinite(d.SumOfSquares) && double.IsFinite(d.SumOfProducts)))
        && (arm.Covariate is not { } x || (double.IsFinite(x.Sum) && double.IsFinite(x.SumOfSquares) && double.IsFinite(x.SumOfProducts)
            && double.IsFinite(x.SumOfDenominatorProducts ?? 0)
            && (x.PreDenominator is not { } q || (double.IsFinite(q.Sum) && double.IsFinite(q.SumOfSquares) && double.IsFinite(q.SumOfCovariateProducts)
                && double.IsFinite(q.SumOfMetricProducts) && double.IsFinite(q.SumOfDenominatorProducts)))));

    // JSON has no NaN or infinity; a number that did not come out finite is absent.
    private static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;

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
                Finite(lifts?.Relative.Estimate),
                Finite(lifts?.Relative.PValueZ),
                at >= 0 ? adjusted!.PValues[at] : null,
                at >= 0 && adjusted!.Rejected[at]));
        }

        return new BreakdownResponse(split.Attribute, "holm", segments);
    }

    private static VariationResultResponse Describe(MetricDefinition definition, ExperimentSubject experiment, VariationStatistics arm) =>
        new(arm.Variation, experiment.Variations[arm.Variation].Key, arm.Units, Finite(arm.Sum), Finite(arm.SumOfSquares), Finite(ArmComparison.Value(definition.Kind, arm)));

    private static VariationStatistics Arm(IReadOnlyList<VariationStatistics> variations, int index) =>
        variations.FirstOrDefault(v => v.Variation == index) ?? new VariationStatistics(index, 0, 0, 0);

    internal static string Kebab<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
