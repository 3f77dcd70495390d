using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>
/// An experiment's or a guarded rollout's cohort against a target population: per attribute, the cohort's mix (its
/// units, by their first exposure's value) against the target's, and per metric and treatment arm the effect
/// post-stratified to the target over that attribute. Sums come from the event store; the statistics from
/// <see cref="CohortMix"/> and <see cref="PostStratification"/>. Used by the API and by <c>failsmart analyze</c>.
/// </summary>
internal sealed class RepresentativenessAnalyzer(IEventStore store)
{
    public Task<RepresentativenessResponse> AnalyzeAsync(
        string environment, ExperimentSubject experiment, IReadOnlyList<MetricSpec> metrics, TargetSource target,
        IReadOnlyList<string> attributes, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        AnalyzeAsync(environment, CohortSubject.Of(experiment), metrics, target, attributes, asOf, cancellationToken);

    public async Task<RepresentativenessResponse> AnalyzeAsync(
        string environment, CohortSubject experiment, IReadOnlyList<MetricSpec> metrics, TargetSource target,
        IReadOnlyList<string> attributes, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var scope = new ExperimentScope(environment, experiment.Key, experiment.Phase, asOf);
        var notes = new List<string>();
        var mixes = new List<(AttributeMix Mix, long Missing)>();
        var targets = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (string attribute in attributes)
        {
            IReadOnlyDictionary<string, double>? targetUnits = await target.UnitsByAsync(attribute, cancellationToken);
            if (targetUnits is null || !(targetUnits.Values.Sum() > 0))
            {
                notes.Add($"The target population has no units by '{attribute}', so the cohort's {attribute} mix is not compared.");
                continue;
            }

            IReadOnlyList<AttributeUnits> cohort = await store.CountUnitsByAttributeAsync(scope, attribute, cancellationToken);
            long missing = cohort.Where(c => c.Value is null).Sum(c => c.Units);
            Dictionary<string, double> cohortUnits = cohort.Where(c => c.Value is not null).ToDictionary(c => c.Value!, c => (double)c.Units, StringComparer.Ordinal);
            string[] levels = [.. cohortUnits.Keys.Union(targetUnits.Keys).Order(StringComparer.Ordinal)];
            if (!(cohortUnits.Values.Sum() > 0) || levels.Length < 2)
            {
                notes.Add(cohortUnits.Count == 0
                    ? $"No unit of the cohort carried '{attribute}' on its first exposure: send it as an exposure property to compare the mix."
                    : $"'{attribute}' has a single level in the cohort and the target together: there is no mix to compare.");
                continue;
            }

            targets[attribute] = targetUnits;
            mixes.Add((new AttributeMix(attribute, [.. levels.Select(l => new StratumMix(l, cohortUnits.GetValueOrDefault(l), targetUnits.GetValueOrDefault(l)))]), missing));
        }

        IReadOnlyList<CohortMixResponse> compared = mixes.Count == 0
            ? []
            : [.. CohortMix.Compare([.. mixes.Select(m => m.Mix)]).Select(d => ToResponse(d, mixes.First(m => m.Mix.Attribute == d.Attribute)))];
        var effects = new List<ReweightedEffectResponse>();
        foreach (MetricSpec metric in metrics)
        {
            if (metric.Definition.Kind is MetricKind.Ratio or MetricKind.Mean or MetricKind.Quantile)
            {
                notes.Add($"'{metric.Definition.Key}' is a {metric.Definition.Kind.ToString().ToLowerInvariant()} metric: only per-unit means and proportions are reweighted for now.");
                continue;
            }

            foreach (CohortMixResponse mix in compared)
            {
                MetricBreakdown breakdown = await store.AnalyzeBreakdownAsync(scope, metric.Definition, mix.Attribute, cancellationToken);
                foreach (CohortArm treatment in experiment.Arms.Skip(1))
                {
                    if (Reweight(metric.Definition.Key, mix.Attribute, experiment.Arms[0], treatment, breakdown, targets[mix.Attribute], notes) is { } effect)
                    {
                        effects.Add(effect);
                    }
                }
            }
        }

        return new RepresentativenessResponse(experiment.Key, environment, experiment.Phase, target.Target, compared, effects, notes);
    }

    private static ReweightedEffectResponse? Reweight(
        string metric, string attribute, CohortArm control, CohortArm treatment, MetricBreakdown breakdown, IReadOnlyDictionary<string, double> target, List<string> notes)
    {
        Dictionary<string, SegmentStatistics> segments = breakdown.Segments.Where(s => s.Value is not null).ToDictionary(s => s.Value!, StringComparer.Ordinal);
        StratumArms[] strata = [.. segments.Keys.Union(target.Keys).Order(StringComparer.Ordinal).Select(level => new StratumArms(
            level, Arm(segments.GetValueOrDefault(level), control), Arm(segments.GetValueOrDefault(level), treatment), target.GetValueOrDefault(level)))];
        PostStratifiedEffect estimate;
        try
        {
            estimate = PostStratification.Estimate(strata);
        }
        catch (ArgumentException ex)
        {
            notes.Add($"'{metric}' for {treatment.Key} by {attribute} is not reweighted: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }

        return new ReweightedEffectResponse(
            metric, attribute, treatment.Key, ToResponse(estimate.Plain), ToResponse(estimate.CohortWeighted), ToResponse(estimate.Reweighted),
            estimate.CoveredTargetShare, estimate.UncoveredLevels,
            [.. estimate.Strata.Select(s => new StratumEffectResponse(s.Level, s.CohortShare, s.TargetShare, s.Covered, s.Effect is null ? null : ToResponse(s.Effect)))],
            new HeterogeneityResponse(estimate.Heterogeneity.Q, estimate.Heterogeneity.DegreesOfFreedom, estimate.Heterogeneity.PValue, estimate.Heterogeneity.ISquared,
                double.IsFinite(estimate.Heterogeneity.PooledEffect) ? estimate.Heterogeneity.PooledEffect : null),
            estimate.DominantLevel, estimate.MayNotCarryOver, estimate.Explanation);
    }

    /// <summary>An arm's sums in one stratum, pooled over the stored variations it stands for.</summary>
    private static MeanStatistics Arm(SegmentStatistics? segment, CohortArm arm)
    {
        (long units, double sum, double squares) = (0, 0, 0);
        foreach (VariationStatistics stored in segment?.Variations.Where(v => arm.Variations.Contains(v.Variation)) ?? [])
        {
            (units, sum, squares) = (units + stored.Units, sum + stored.Sum, squares + stored.SumOfSquares);
        }

        return new MeanStatistics(units, sum, squares);
    }

    private static EffectEstimateResponse ToResponse(NormalEstimate e) =>
        new(e.Estimate, e.StandardError, e.ConfidenceInterval.Lower, e.ConfidenceInterval.Upper, double.IsFinite(e.PValue) ? e.PValue : null);

    private static CohortMixResponse ToResponse(AttributeDifference difference, (AttributeMix Mix, long Missing) mix)
    {
        double cohort = mix.Mix.Levels.Sum(l => l.CohortUnits);
        double target = mix.Mix.Levels.Sum(l => l.TargetUnits);
        return new CohortMixResponse(
            difference.Attribute,
            double.IsFinite(difference.ChiSquare) ? difference.ChiSquare : null,
            difference.DegreesOfFreedom,
            difference.PValue,
            difference.LargestDifference,
            mix.Missing,
            [.. difference.Levels.Select(l =>
            {
                StratumMix units = mix.Mix.Levels.First(m => m.Level == l.Level);
                return new MixLevelResponse(l.Level, units.CohortUnits, units.TargetUnits, l.CohortShare, l.TargetShare, l.StandardizedDifference);
            })]);
    }
}
