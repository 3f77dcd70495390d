using FailSmart.Application.Holdouts;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>
/// <see cref="IHoldoutResultsService"/> over the experiment analysis: a holdout is analysed as the
/// experiment "holdout:&lt;key&gt;" of phase 1 with two variations, held-out (control, the holdout's share)
/// and exposed (the rest), through the same analyzer and shared results as experiments.
/// </summary>
internal sealed class HoldoutResultsService(ResultsService results, RuleSetCache rules, IEventStore events, TimeProvider clock) : IHoldoutResultsService
{
    public async Task<ServiceResult<HoldoutResultsResponse>> GetAsync(HoldoutResultsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!(await results.EnvironmentsAsync(cancellationToken)).Contains(query.Environment, StringComparer.Ordinal))
        {
            return ServiceProblems.Invalid("environment", $"There is no environment '{query.Environment}'.", "List them with GET /api/v1/environments; the default is production.");
        }

        Holdout? holdout = (await rules.GetAsync(query.Environment, cancellationToken)).Evaluator.Configuration.Holdouts.FirstOrDefault(h => h.Key == query.Holdout);
        if (holdout is null)
        {
            return ServiceProblems.NotFound("holdout", query.Holdout);
        }

        if (query.Metrics is { Count: 0 })
        {
            return ServiceProblems.Invalid("metrics", "metrics is empty.", "Name metric keys separated by commas, or leave metrics out to compare every active metric.");
        }

        (IReadOnlyList<MetricSpec> specs, IReadOnlyList<FieldProblem> metricProblems) = await results.LoadMetricsAsync(query.Metrics, null, cancellationToken);
        if (metricProblems.Count > 0)
        {
            bool unknown = metricProblems.Any(p => p.Path == "metrics");
            return ServiceProblems.Invalid(metricProblems, unknown ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);
        }

        string key = HoldoutArmKeys.AnalysisKey(holdout.Key);
        var request = new ResultsRequest(query.Environment, Subject(holdout), [.. specs.Select(m => m.Definition.Key)], null);
        ExperimentResultsResponse analysis = query.Refresh
            ? await results.RefreshAsync(request, specs, cancellationToken)
            : await results.GetAsync(request, specs, cancellationToken);
        ExposureSummary summary = await events.SummarizeExposuresAsync(new ExperimentScope(query.Environment, key, HoldoutArmKeys.Phase, clock.GetUtcNow()), cancellationToken);
        return new(ServiceOutcome.Unchanged, new HoldoutResultsResponse(
            holdout.Key, query.Environment, key, Math.Round(holdout.Buckets.Fraction * 100, 10), summary.FirstExposure, analysis));
    }

    /// <summary>The holdout as the analyzer's subject: held-out first (the control), weighted by the buckets it reserves.</summary>
    public static ExperimentSubject Subject(Holdout holdout)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        double held = holdout.Buckets.Fraction;
        return new(HoldoutArmKeys.AnalysisKey(holdout.Key), HoldoutArmKeys.Phase, [(HoldoutArmKeys.HeldOut, held), (HoldoutArmKeys.Exposed, 1 - held)]);
    }
}
