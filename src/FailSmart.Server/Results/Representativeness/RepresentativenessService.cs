using FailSmart.Application.Populations;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>
/// <see cref="IRepresentativenessService"/>: finds the experiment or guarded rollout, checks the query against the
/// configuration and the stored populations, then runs <see cref="RepresentativenessAnalyzer"/> as of now. Not cached: it reads a handful of sums per attribute.
/// </summary>
internal sealed class RepresentativenessService(ResultsService results, IPopulationService populations, IRolloutService rollouts, IEventStore events, TimeProvider clock)
    : IRepresentativenessService
{
    /// <summary>The longest all-exposures window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>The all-exposures window when the query names no start.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public async Task<ServiceResult<RepresentativenessResponse>> GetAsync(RepresentativenessQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!(await results.EnvironmentsAsync(cancellationToken)).Contains(query.Environment, StringComparer.Ordinal))
        {
            return ServiceProblems.Invalid("environment", $"There is no environment '{query.Environment}'.", "List them with GET /api/v1/environments; the default is production.");
        }

        Experiment? experiment = await results.FindAnyExperimentAsync(query.Environment, query.Experiment, cancellationToken);
        Cohort? cohort = experiment is null ? null : new Cohort(
            $"'{query.Experiment}'", experiment.Phase, phase => CohortSubject.Of(ResultsService.Subject(experiment, phase)),
            "leave metrics out for the experiment's own metrics", keys => results.LoadMetricsAsync(keys, experiment, cancellationToken));
        return await AnalyzeAsync(query, cohort, ServiceProblems.NotFound("experiment", query.Experiment), cancellationToken);
    }

    public async Task<ServiceResult<RepresentativenessResponse>> GetRolloutAsync(RolloutKey rollout, RepresentativenessQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(query);
        if (await rollouts.GetAsync(rollout, cancellationToken) is not { } view)
        {
            return ServiceProblems.NotFound("rollout", rollout.ToString());
        }

        query = query with { Experiment = RolloutPlan.AnalysisKey(rollout.Flag, rollout.Rule), Environment = rollout.Environment };
        var cohort = new Cohort(
            $"the rollout {rollout}", view.State.Phase, phase => CohortSubject.Rollout(rollout, phase),
            "leave metrics out for the rollout's guardrails", keys => RolloutMetricsAsync(keys, view.Plan, cancellationToken));
        return await AnalyzeAsync(query, cohort, ServiceProblems.NotFound("rollout", rollout.ToString()), cancellationToken);
    }

    private async Task<ServiceResult<RepresentativenessResponse>> AnalyzeAsync(
        RepresentativenessQuery query, Cohort? cohort, ServiceProblem notFound, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        DateTimeOffset now = clock.GetUtcNow();
        IReadOnlyList<string>? attributes = CheckAttributes(query.Attributes, problems);
        (TargetSource? target, TargetPopulation? population) = await TargetAsync(query, now, problems, cancellationToken);
        if (population is not null && attributes is not null)
        {
            foreach (string attribute in attributes.Where(a => population.UnitsBy(a) is null))
            {
                problems.Add(new("attributes", $"The population '{population.Key}' has no attribute '{attribute}'.", $"Use one of {string.Join(", ", population.Attributes)}, or upload a population that has it."));
            }
        }

        if (cohort is null)
        {
            return notFound;
        }

        int phase = query.Phase ?? cohort.CurrentPhase;
        if (phase < 1 || phase > cohort.CurrentPhase)
        {
            problems.Add(new("phase", $"'{query.Phase}' is not a phase of {cohort.Name}.", $"Use current, or a phase from 1 to {cohort.CurrentPhase}."));
        }

        if (query.Metrics is { Count: 0 })
        {
            problems.Add(new("metrics", "metrics is empty.", $"Name metric keys separated by commas, or {cohort.DefaultMetrics}."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        (IReadOnlyList<MetricSpec> specs, IReadOnlyList<FieldProblem> metricProblems) = await cohort.LoadMetricsAsync(query.Metrics);
        if (metricProblems.Count > 0)
        {
            return ServiceProblems.Invalid(metricProblems, metricProblems.Any(p => p.Path == "metrics") ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);
        }

        RepresentativenessResponse response = await new RepresentativenessAnalyzer(events).AnalyzeAsync(
            query.Environment, cohort.Subject(phase), specs, target!, attributes ?? population!.Attributes, now, cancellationToken);
        return new ServiceResult<RepresentativenessResponse>(ServiceOutcome.Unchanged, response);
    }

    /// <summary>
    /// The named metrics, or by default the ones the rollout's gates read: the plan's guardrails; the plan's metrics
    /// when none is a guardrail; every active metric when the plan names none, as for an experiment that names none.
    /// </summary>
    private async Task<(IReadOnlyList<MetricSpec> Metrics, IReadOnlyList<FieldProblem> Problems)> RolloutMetricsAsync(
        IReadOnlyList<string>? keys, RolloutPlan? plan, CancellationToken cancellationToken)
    {
        IReadOnlyList<MetricReference> named = plan?.Metrics ?? [];
        if (keys is not null || named.Count == 0)
        {
            return await results.LoadMetricsAsync(keys, null, cancellationToken);
        }

        (IReadOnlyList<MetricSpec> metrics, IReadOnlyList<FieldProblem> problems) = await results.LoadMetricsAsync([.. named.Select(m => m.Key).Distinct(StringComparer.Ordinal)], null, cancellationToken);
        MetricSpec[] guards = [.. metrics.Where(m => (named.First(r => r.Key == m.Definition.Key).Role ?? Enum.Parse<MetricUse>(m.Definition.Role.ToString())) == MetricUse.Guardrail)];
        return (guards.Length > 0 ? guards : metrics, problems);
    }

    /// <summary>What differs between an experiment's cohort and a rollout's: how to name it, its phases, its arms and its default metrics.</summary>
    private sealed record Cohort(
        string Name, int CurrentPhase, Func<int, CohortSubject> Subject, string DefaultMetrics,
        Func<IReadOnlyList<string>?, Task<(IReadOnlyList<MetricSpec> Metrics, IReadOnlyList<FieldProblem> Problems)>> LoadMetricsAsync);

    private static IReadOnlyList<string>? CheckAttributes(IReadOnlyList<string>? attributes, List<FieldProblem> problems)
    {
        if (attributes is null)
        {
            return null;
        }

        if (attributes.Count is 0 or > PopulationRules.MaxAttributes)
        {
            problems.Add(new("attributes", $"attributes names {attributes.Count} attributes.", $"Name 1 to {PopulationRules.MaxAttributes} exposure properties, comma-separated: attributes=country,platform."));
        }

        foreach (string attribute in attributes.Where(a => !ResourceKeys.IsValid(a)))
        {
            problems.Add(new("attributes", $"'{attribute}' is not a valid attribute name.", "Use the name of an exposure property, such as country."));
        }

        return [.. attributes.Distinct(StringComparer.Ordinal)];
    }

    private async Task<(TargetSource? Target, TargetPopulation? Population)> TargetAsync(
        RepresentativenessQuery query, DateTimeOffset now, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        if (query.Population is null)
        {
            problems.Add(new("population", "Name the target population.", "Send population=KEY for a stored population (GET /api/v1/populations lists them), or population=all-exposures."));
            return (null, null);
        }

        if (query.Population != RepresentativenessQuery.AllExposures)
        {
            if (query.From is not null || query.To is not null)
            {
                problems.Add(new("from", "from and to apply to population=all-exposures only.", "Leave them out: a stored population is one table."));
            }

            ServiceResult<TargetPopulation> found = await populations.GetAsync(query.Population, cancellationToken);
            if (found.Value is not { } population)
            {
                problems.Add(new("population", $"There is no target population '{query.Population}'.", "List them with GET /api/v1/populations, upload one with PUT /api/v1/populations/{key}, or use population=all-exposures."));
                return (null, null);
            }

            return (TargetSource.Of(population), population);
        }

        if (query.Attributes is null)
        {
            problems.Add(new("attributes", "All exposures have no attributes of their own to compare.", "Name the exposure properties to compare: attributes=country,platform."));
        }

        DateTimeOffset to = query.To ?? now;
        DateTimeOffset from = query.From ?? to - DefaultWindow;
        if (to < from || to - from > MaxWindow)
        {
            problems.Add(new("from", $"The window from {from:O} to {to:O} is not one the target can be read over.", "Give from before to, at most 366 days apart (ISO 8601, e.g. from=2026-03-01T00:00:00Z)."));
        }

        return (TargetSource.AllExposures(events, query.Environment, from, to), null);
    }
}
