using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>
/// An experiment's or a guarded rollout's cohort against a target population: per attribute, the cohort's mix (its
/// units, by their first exposure's value) against the target's, and per metric and treatment arm the effect post-stratified to
/// the target over that attribute, and, with several attributes and a target that knows their cells, over the cells
/// of their cross (country × platform). Ratio and mean-per-event metrics by the delta method. Sums come from the event store; the statistics from
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
        string[] comparedInOrder = [.. attributes.Where(a => compared.Any(c => c.Attribute == a))];
        IReadOnlyDictionary<string, double>? cells = comparedInOrder.Length >= 2 ? await target.CellsAsync(comparedInOrder, cancellationToken) : null;
        if (comparedInOrder.Length >= 2 && cells is null)
        {
            notes.Add($"The target population has units per attribute only, not per cell of {string.Join(ReweightedEffectResponse.CellSeparator, comparedInOrder)}: each attribute is reweighted on its own.");
        }

        var effects = new List<ReweightedEffectResponse>();
        foreach (MetricSpec metric in metrics)
        {
            if (metric.Definition.Kind is MetricKind.Quantile)
            {
                notes.Add($"'{metric.Definition.Key}' is a quantile metric: quantiles are not reweighted.");
                continue;
            }

            if (cells is not null && await JointBreakdownAsync(scope, metric.Definition, comparedInOrder, notes, cancellationToken) is { } joint)
            {
                var strata = new Strata(ReweightedEffectResponse.Joint, comparedInOrder, Segments(joint, Level), cells.ToDictionary(c => Level(c.Key), c => c.Value, StringComparer.Ordinal));
                AddEffects(effects, experiment, metric.Definition, strata, notes);
            }

            foreach (CohortMixResponse mix in compared)
            {
                MetricBreakdown breakdown = await store.AnalyzeBreakdownAsync(scope, metric.Definition, mix.Attribute, cancellationToken);
                AddEffects(effects, experiment, metric.Definition, new Strata(ReweightedEffectResponse.ByAttribute, [mix.Attribute], Segments(breakdown, v => v), targets[mix.Attribute]), notes);
            }
        }

        return new RepresentativenessResponse(experiment.Key, environment, experiment.Phase, target.Target, compared, effects, notes);
    }

    /// <summary>The strata one reweighting runs over: the cohort's sums and the target's units, both by level name.</summary>
    private sealed record Strata(
        string Kind, IReadOnlyList<string> Attributes, IReadOnlyDictionary<string, SegmentStatistics> Cohort, IReadOnlyDictionary<string, double> Target)
    {
        public string Name => string.Join(ReweightedEffectResponse.CellSeparator, Attributes);
    }

    private async Task<MetricBreakdown?> JointBreakdownAsync(
        ExperimentScope scope, MetricDefinition metric, IReadOnlyList<string> attributes, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await store.AnalyzeJointBreakdownAsync(scope, metric, attributes, cancellationToken);
        }
        catch (NotSupportedException)
        {
            notes.Add($"The event store cannot read '{metric.Key}' per cell of {string.Join(ReweightedEffectResponse.CellSeparator, attributes)}: each attribute is reweighted on its own.");
            return null;
        }
    }

    /// <summary>A joint value as people read it: NZ × ios.</summary>
    private static string Level(string jointValue) => string.Join(ReweightedEffectResponse.CellSeparator, JointValue.Split(jointValue));

    private static Dictionary<string, SegmentStatistics> Segments(MetricBreakdown breakdown, Func<string, string> level) =>
        breakdown.Segments.Where(s => s.Value is not null).ToDictionary(s => level(s.Value!), StringComparer.Ordinal);

    private static void AddEffects(List<ReweightedEffectResponse> effects, CohortSubject cohort, MetricDefinition metric, Strata strata, List<string> notes)
    {
        foreach (CohortArm treatment in cohort.Arms.Skip(1))
        {
            if (Reweight(metric, strata, cohort.Arms[0], treatment, notes) is { } effect)
            {
                effects.Add(effect);
            }
        }
    }

    private static ReweightedEffectResponse? Reweight(MetricDefinition metric, Strata strata, CohortArm control, CohortArm treatment, List<string> notes)
    {
        string[] levels = [.. strata.Cohort.Keys.Union(strata.Target.Keys).Order(StringComparer.Ordinal)];
        PostStratifiedEffect estimate;
        try
        {
            estimate = metric.Kind is MetricKind.Ratio or MetricKind.Mean
                ? PostStratification.EstimateRatio([.. levels.Select(level => new RatioStratumArms(
                    level, RatioArm(strata.Cohort.GetValueOrDefault(level), control), RatioArm(strata.Cohort.GetValueOrDefault(level), treatment), strata.Target.GetValueOrDefault(level)))])
                : PostStratification.Estimate([.. levels.Select(level => new StratumArms(
                    level, Arm(strata.Cohort.GetValueOrDefault(level), control), Arm(strata.Cohort.GetValueOrDefault(level), treatment), strata.Target.GetValueOrDefault(level)))]);
        }
        catch (ArgumentException ex)
        {
            notes.Add($"'{metric.Key}' for {treatment.Key} by {strata.Name} is not reweighted: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }

        return new ReweightedEffectResponse(
            metric.Key, strata.Name, treatment.Key, ToResponse(estimate.Plain), ToResponse(estimate.CohortWeighted), ToResponse(estimate.Reweighted),
            estimate.CoveredTargetShare, estimate.UncoveredLevels,
            [.. estimate.Strata.Select(s => new StratumEffectResponse(s.Level, s.CohortShare, s.TargetShare, s.Covered, s.Effect is null ? null : ToResponse(s.Effect)))],
            new HeterogeneityResponse(estimate.Heterogeneity.Q, estimate.Heterogeneity.DegreesOfFreedom, estimate.Heterogeneity.PValue, estimate.Heterogeneity.ISquared,
                double.IsFinite(estimate.Heterogeneity.PooledEffect) ? estimate.Heterogeneity.PooledEffect : null),
            estimate.DominantLevel, estimate.MayNotCarryOver, estimate.Explanation, strata.Kind, strata.Attributes);
    }

    /// <summary>An arm's ratio sums in one stratum, pooled over the stored variations it stands for (every sum adds up).</summary>
    private static RatioStatistics RatioArm(SegmentStatistics? segment, CohortArm arm)
    {
        (long units, double sum, double squares, double denominator, double denominatorSquares, double products) = (0, 0, 0, 0, 0, 0);
        foreach (VariationStatistics stored in segment?.Variations.Where(v => arm.Variations.Contains(v.Variation)) ?? [])
        {
            (units, sum, squares) = (units + stored.Units, sum + stored.Sum, squares + stored.SumOfSquares);
            (denominator, denominatorSquares, products) = (denominator + (stored.Denominator?.Sum ?? 0), denominatorSquares + (stored.Denominator?.SumOfSquares ?? 0),
                products + (stored.Denominator?.SumOfProducts ?? 0));
        }

        return new RatioStatistics(units, sum, squares, denominator, denominatorSquares, products);
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
