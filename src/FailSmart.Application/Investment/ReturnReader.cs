using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Investment;

/// <summary>
/// Reads a feature's measured return from its linked experiments' and rollouts' results: the effect of the
/// shipped (or best) variation on the hypothesis metric with its always-valid interval, and that variation's
/// units per day from the results timeline.
/// </summary>
internal sealed class ReturnReader(IExperimentResultsService results, IFeatureStore features)
{
    public async Task<InvestmentReturns> ReadAsync(Feature feature, CancellationToken cancellationToken)
    {
        var sources = new List<ReturnSource>();
        foreach (FeatureLink link in feature.Links)
        {
            switch (link.Kind)
            {
                case FeatureLinkKind.Experiment:
                    sources.Add(await ReadAsync("experiment", link.Key, new ResultsQuery(link.Key, Metrics: Metrics(feature)), feature, cancellationToken));
                    break;
                case FeatureLinkKind.Rollout when link.Rule is null:
                    sources.Add(NotMeasured("rollout", link.Key, feature, "The rollout link names no rule, so its exposures cannot be found."));
                    break;
                case FeatureLinkKind.Rollout:
                    sources.Add(await ReadAsync("rollout", $"{link.Key}/{link.Rule}",
                        new ResultsQuery($"rollout:{link.Key}:{link.Rule}", link.Environment ?? "production", Metrics: Metrics(feature)), feature, cancellationToken));
                    break;
                default:
                    break;
            }
        }

        IReadOnlyList<FeatureDecisionRecord> decisions = await features.ListDecisionsAsync(feature.Key, cancellationToken);
        DateOnly? shipped = decisions.FirstOrDefault(d => d.ToPhase == "ship") is { } d ? DateOnly.FromDateTime(d.At.UtcDateTime) : null;
        return new InvestmentReturns(sources, shipped);
    }

    private static IReadOnlyList<string>? Metrics(Feature feature) => feature.Hypothesis?.Metric is { } metric ? [metric] : null;

    private async Task<ReturnSource> ReadAsync(string kind, string key, ResultsQuery query, Feature feature, CancellationToken cancellationToken)
    {
        ServiceResult<ExperimentResultsResponse> read = await results.GetAsync(query, cancellationToken);
        if (read.Value is not { } answer)
        {
            return NotMeasured(kind, key, feature, $"Its results cannot be read: {read.Problem?.Detail}");
        }

        MetricResultResponse? metric = answer.Metrics.FirstOrDefault(m => m.Metric == feature.Hypothesis?.Metric)
            ?? answer.Metrics.FirstOrDefault(m => m.Role == "primary");
        if (metric is null)
        {
            return NotMeasured(kind, key, feature, "Its results have no primary metric and the feature's hypothesis names none.");
        }

        double sign = metric.Direction == "decrease" ? -1 : 1;
        List<VariationResultResponse> treatments = [.. metric.Variations.Skip(1).Where(v => v.AbsoluteEffect is not null && v.AbsoluteLower is not null && v.AbsoluteUpper is not null)];
        VariationResultResponse? chosen = treatments.FirstOrDefault(v => v.Key == answer.Verdict?.Variation)
            ?? treatments.OrderByDescending(v => sign * v.AbsoluteEffect!.Value).FirstOrDefault();
        if (chosen is null)
        {
            return NotMeasured(kind, key, feature, $"No treatment has an effect on {metric.Metric} yet.") with { Metric = metric.Metric };
        }

        double low = sign * chosen.AbsoluteLower!.Value, high = sign * chosen.AbsoluteUpper!.Value;
        (IReadOnlyList<DailyUnits> units, string from) = await UnitsAsync(query with { Metrics = [metric.Metric] }, metric.Metric, chosen, answer, cancellationToken);
        return new ReturnSource(kind, key, metric.Metric, chosen.Key, sign * chosen.AbsoluteEffect!.Value, Math.Min(low, high), Math.Max(low, high), units, from);
    }

    /// <summary>Units per day from the timeline's cumulative counts; without a timeline, the total on the day analysed.</summary>
    private async Task<(IReadOnlyList<DailyUnits>, string)> UnitsAsync(
        ResultsQuery query, string metric, VariationResultResponse chosen, ExperimentResultsResponse answer, CancellationToken cancellationToken)
    {
        ServiceResult<ExperimentTimelineResponse> timeline = await results.TimelineAsync(query, cancellationToken);
        IReadOnlyList<TimelinePointResponse>? points = timeline.Value?.Metrics.FirstOrDefault(m => m.Metric == metric)?
            .Variations.FirstOrDefault(v => v.Index == chosen.Index)?.Points;
        if (points is { Count: > 0 })
        {
            var days = new List<DailyUnits>();
            long previous = 0;
            foreach (TimelinePointResponse point in points)
            {
                days.Add(new DailyUnits(DateOnly.FromDateTime(point.AsOf.UtcDateTime.AddTicks(-1)), point.Units - previous));
                previous = point.Units;
            }

            return (days, "daily");
        }

        return ([new DailyUnits(DateOnly.FromDateTime(answer.AnalyzedAt.UtcDateTime), chosen.Units)], "total");
    }

    private static ReturnSource NotMeasured(string kind, string key, Feature feature, string why) =>
        new(kind, key, feature.Hypothesis?.Metric, null, null, null, null, [], "daily", why);
}
