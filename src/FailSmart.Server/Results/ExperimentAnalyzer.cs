using System.Globalization;
using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using StatsDirection = FailSmart.Statistics.MetricDirection;
using StoreAnalysis = FailSmart.Storage.Events.MetricAnalysis;
using StoreDirection = FailSmart.Storage.Events.MetricDirection;

namespace FailSmart.Server.Results;

/// <summary>
/// Composes the event store and the statistics into one experiment result: the engine aggregates,
/// Statistics decides. Every result carries its checks: sample ratio mismatch, units that saw more
/// than one variation, and the cross-experiment audit. Used by the results endpoint and by
/// <c>failsmart analyze</c>.
/// </summary>
internal sealed partial class ExperimentAnalyzer(IEventStore store, TimeProvider clock)
{
    /// <summary>Below this p-value an overlapping experiment's assignment is declared dependent (as for SRM).</summary>
    public const double DependencyThreshold = 0.001;

    /// <summary>
    /// Whether metrics go through <see cref="IEventStore.RefreshMetricAsync"/>, which may reuse per-unit
    /// state kept from the last refresh (the server's repeated analyses), rather than a one-off analysis.
    /// </summary>
    public bool Incremental { get; init; }

    /// <summary>How far before the phase's first exposure the cross-experiment audit looks.</summary>
    public TimeSpan DependencyLookback { get; init; } = ExperimentScope.DefaultOverlapLookback;

    /// <summary>Reports progress as (step done, steps in all); the CLI draws it as a bar.</summary>
    public IProgress<(int Done, int Total)>? Progress { get; init; }

    /// <summary>The significance level of every interval and decision; the server and `failsmart analyze` keep 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    public async Task<ExperimentResultsResponse> AnalyzeAsync(
        string environment, ExperimentSubject experiment, IReadOnlyList<MetricSpec> metrics, string? breakdown, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var scope = new ExperimentScope(environment, experiment.Key, experiment.Phase, now) { OverlapLookback = DependencyLookback };
        int total = 2 + (metrics.Count * (breakdown is null ? 1 : 2));
        int done = 0;

        ExposureSummary summary = await store.SummarizeExposuresAsync(scope, cancellationToken);
        Progress?.Report((++done, total));
        IReadOnlyList<ExperimentOverlap> overlaps = await store.FindOverlapsAsync(scope, cancellationToken);
        Progress?.Report((++done, total));

        VariationUnitsResponse[] units = [.. experiment.Variations.Select((v, i) =>
            new VariationUnitsResponse(i, v.Key, v.Weight, summary.Variations.FirstOrDefault(u => u.Variation == i)?.Units ?? 0))];
        var warnings = new List<ResultWarning>();
        SampleRatioCheck? sampleRatio = CheckSampleRatio(units, warnings);
        CheckMultipleExposures(summary, units, warnings);
        OverlapAudit[] audits = [.. overlaps.Where(o => o.SharedUnits > 0).Select(o => Audit(o, units))];
        foreach (OverlapAudit audit in audits.Where(a => a.Dependent))
        {
            warnings.Add(new ResultWarning(
                ResultWarning.ExperimentDependency,
                ResultWarning.Red,
                $"Assignment depends on experiment '{audit.Experiment}' (phase {audit.Phase}): χ² = {F(audit.ChiSquare)}, p {P(audit.PValue)} over {audit.SharedUnits:N0} shared units. " +
                $"Units were not randomised independently of '{audit.Experiment}', so its effect is mixed into this result. Put the two in one layer (mutually exclusive) or rerun this experiment in a new phase.",
                audit.Experiment,
                audit.PValue));
        }

        double unitsPerDay = UnitsPerDay(summary);
        var results = new List<MetricResultResponse>();
        var readings = new List<VerdictSlot>();
        FactorialPlanResponse? factorialPlan = null;
        foreach (MetricSpec metric in metrics)
        {
            StoreAnalysis analysis = Incremental
                ? await store.RefreshMetricAsync(scope, metric.Definition, cancellationToken)
                : await store.AnalyzeMetricAsync(scope, metric.Definition, cancellationToken);
            Progress?.Report((++done, total));
            BreakdownResponse? segments = null;
            if (breakdown is not null)
            {
                MetricBreakdown split = await store.AnalyzeBreakdownAsync(scope, metric.Definition, breakdown, cancellationToken);
                segments = Breakdown(metric.Definition, experiment, split);
                Progress?.Report((++done, total));
            }

            results.Add(Metric(metric, experiment, analysis, unitsPerDay, segments, results.Count, readings));
            if (metric == PlanMetric(metrics))
            {
                factorialPlan = FactorialReading.Plan(metric.Definition, experiment, analysis.Variations, Alpha);
            }
        }

        string[] red = [.. warnings.Where(w => w.Severity == ResultWarning.Red).Select(RedCheck)];
        Verdict verdict = ExperimentVerdict.Decide(new VerdictInput([.. readings.Select(r => r.Reading)], red, units.Sum(u => u.Units), unitsPerDay, now, Alpha));
        if (experiment.Factorial is not null && PlanMetric(metrics) is { } planned)
        {
            verdict = FactorialVerdict.Refine(verdict, results[metrics.ToList().IndexOf(planned)].Factorial);
        }
        return new ExperimentResultsResponse(
            experiment.Key, environment, experiment.Phase, now, units, summary.MultipleVariationUnits, warnings, audits, Read(results, readings, verdict, red.Length > 0),
            sampleRatio,
            new ExperimentVerdictResponse(Kebab(verdict.Kind), verdict.Reason, verdict.Variation, verdict.ExpectedDate, verdict.PlannedUnits),
            now,
            Factorial: experiment.Factorial is { } launch ? new FactorialLaunchResponse(launch.Features, factorialPlan) : null);
    }

    /// <summary>The metric a factorial launch is planned for: the first primary one, else the first.</summary>
    private static MetricSpec? PlanMetric(IReadOnlyList<MetricSpec> metrics) =>
        metrics.FirstOrDefault(m => m.Definition.Role == MetricRole.Primary) ?? (metrics.Count > 0 ? metrics[0] : null);

    /// <summary>A red check in a few words, for the verdict's sentence.</summary>
    private static string RedCheck(ResultWarning warning) => warning.Code switch
    {
        ResultWarning.SampleRatioMismatch => $"sample ratio mismatch (p {P(warning.PValue ?? 0)})",
        ResultWarning.ExperimentDependency => $"assignment depends on experiment '{warning.OtherExperiment}' (p {P(warning.PValue ?? 0)})",
        ResultWarning.MultipleExposures => "too many units saw more than one variation",
        _ => warning.Code,
    };

    private static SampleRatioCheck? CheckSampleRatio(VariationUnitsResponse[] units, List<ResultWarning> warnings)
    {
        VariationUnitsResponse[] planned = [.. units.Where(u => u.PlannedWeight > 0)];
        if (planned.Length < 2 || planned.Sum(u => u.Units) == 0)
        {
            return null;
        }

        SampleRatioMismatchResult srm = SampleRatioMismatch.Check([.. planned.Select(u => (double)u.Units)], [.. planned.Select(u => u.PlannedWeight)]);
        if (srm.Flagged)
        {
            string observed = string.Join(", ", planned.Select(u => $"{u.Key} {u.Units:N0}"));
            warnings.Add(new ResultWarning(
                ResultWarning.SampleRatioMismatch,
                ResultWarning.Red,
                $"Sample ratio mismatch: the units per variation ({observed}) do not match the planned split (χ² = {F(srm.ChiSquare)}, p {P(srm.PValue)}, below {srm.Threshold.ToString(CultureInfo.InvariantCulture)}). " +
                "Assignment or exposure logging is broken; do not trust any metric of this experiment until the cause is found.",
                PValue: srm.PValue));
        }

        return new SampleRatioCheck(srm.ChiSquare, srm.DegreesOfFreedom, srm.PValue, srm.Threshold, srm.Flagged);
    }

    private static void CheckMultipleExposures(ExposureSummary summary, VariationUnitsResponse[] units, List<ResultWarning> warnings)
    {
        if (summary.MultipleVariationUnits == 0)
        {
            return;
        }

        long all = units.Sum(u => u.Units) + summary.MultipleVariationUnits;
        double share = (double)summary.MultipleVariationUnits / all;
        warnings.Add(new ResultWarning(
            ResultWarning.MultipleExposures,
            share > 0.01 ? ResultWarning.Red : ResultWarning.Amber,
            $"{summary.MultipleVariationUnits:N0} units ({DecisionPercent(share)} of exposed units) saw more than one variation; they are excluded from every analysis. " +
            "Check that every exposure sends the same unit id and that the experiment's phase changed when its weights did."));
    }

    /// <summary>
    /// The table is this experiment's variations × (the other's variations, plus "not in it"). With
    /// independent randomisation every row splits the same way; the extra column catches an experiment
    /// that enrolled only one arm of the other, where the shared units alone would look balanced.
    /// </summary>
    private static OverlapAudit Audit(ExperimentOverlap overlap, VariationUnitsResponse[] units)
    {
        int[] cols = [.. overlap.Cells.Select(c => c.OtherVariation).Distinct().Order()];
        IReadOnlyList<double>[] table = [.. units.Select(row =>
        {
            double[] shared = [.. cols.Select(c => (double)overlap.Cells.Where(x => x.Variation == row.Index && x.OtherVariation == c).Sum(x => x.Units))];
            return (IReadOnlyList<double>)[.. shared, Math.Max(0, row.Units - shared.Sum())];
        })];
        IndependenceResult test = IndependenceTest.Test(table);
        return new OverlapAudit(overlap.ExperimentKey, overlap.Phase, overlap.SharedUnits, test.ChiSquare, test.DegreesOfFreedom, test.PValue, test.PValue < DependencyThreshold);
    }

    private static double UnitsPerDay(ExposureSummary summary)
    {
        if (summary.FirstExposure is not { } first || summary.LastExposure is not { } last || last - first < TimeSpan.FromHours(1))
        {
            return 0; // too short to estimate a rate
        }

        return summary.Variations.Sum(v => v.Units) / (last - first).TotalDays;
    }

    internal static StatsDirection Direction(MetricDefinition metric) =>
        metric.Direction == StoreDirection.Decrease ? StatsDirection.LowerIsBetter : StatsDirection.HigherIsBetter;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"= 0.0123", "= 1.2E-7", or "&lt; 1E-300" where the p-value underflows.</summary>
    private static string P(double p) => p switch
    {
        < 1e-300 => "< 1E-300",
        < 0.0001 => "= " + p.ToString("0.##E+0", CultureInfo.InvariantCulture),
        _ => "= " + p.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string DecisionPercent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
