using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Lifecycle;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/features/{key}/decisions` and `/timeline`: phase decisions with frozen evidence, and a feature's history.</summary>
internal static class FeatureDecisionsApi
{
    public static RouteGroupBuilder MapFeatureDecisionsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/features/{key}").WithTags("Features");
        group.MapPost("/decisions", DecideAsync).WithName("DecideFeature").WithMetadata(StrictJsonBody.For<FeatureDecisionRequest>("decision", "reason"))
            .WithMetadata(new RequestBodyDocs(nameof(FeatureDecisionRequest), """
                {"decision": "advance", "reason": "Conversion rose 2.4% with no harm to refunds; tune the copy next.",
                 "evidence": {"experiments": [{"key": "checkout-dates", "environment": "production"}],
                              "notes": ["Support tickets about delivery fell by a third."]}}
                """))
            .WithSummary("Records a phase decision (advance, iterate, stop; restart for administrators) with its reason and evidence, frozen as it is now. "
                + "Send If-Match with the feature's ETag. A gate that refuses entering the next phase answers 409 naming the gate; an administrator may send override with a reason.")
            .Produces<FeatureDecisionResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/decisions", ListAsync).WithName("ListFeatureDecisions")
            .WithSummary("A feature's decisions, oldest first, each with its evidence as it was when decided (results, rollout states, notes, links, overrides).")
            .Produces<List<FeatureDecisionResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/timeline", TimelineAsync).WithName("GetFeatureTimeline")
            .WithSummary("A feature's phases with their dates, and its decisions, frozen verdicts and the changes to its flags, experiments and rollouts, oldest first.")
            .Produces<FeatureTimelineResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> DecideAsync(string key, FeatureDecisionRequest request, IFeatureService features, HttpContext http)
    {
        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read of the feature.");
        }

        ServiceResult<FeatureDecision> result = await features.DecideAsync(ApiCaller.From(http), key, ToInput(request), expected, http.RequestAborted);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        if ((await features.GetAsync(key, http.RequestAborted)).Value is { } feature)
        {
            http.Response.Headers.ETag = ETags.ForVersion(feature.Version);
        }

        return TypedResults.Created($"/api/v1/features/{key}/decisions", ToResponse(result.Value!));
    }

    private static async Task<IResult> ListAsync(string key, IFeatureService features, CancellationToken cancellationToken)
    {
        ServiceResult<IReadOnlyList<FeatureDecision>> result = await features.DecisionsAsync(key, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.Select(ToResponse).ToList());
    }

    private static async Task<IResult> TimelineAsync(string key, IFeatureService features, CancellationToken cancellationToken)
    {
        ServiceResult<FeatureTimelineView> result = await features.TimelineAsync(key, cancellationToken);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        FeatureTimelineView timeline = result.Value!;
        return TypedResults.Ok(new FeatureTimelineResponse(
            [.. timeline.Phases.Select(p => new FeaturePhaseSpanResponse(Name(p.Phase), p.Start, p.End))],
            [.. timeline.Events.Select(e => new FeatureTimelineEventResponse(e.At, e.Kind, e.Subject, e.Title, e.Detail, e.Actor, e.DecisionId, e.Overridden))]));
    }

    private static FeatureDecisionInput ToInput(FeatureDecisionRequest request) => new(
        request.Decision, request.Reason,
        request.Evidence is { } e
            ? new FeatureEvidenceInput(
                e.Experiments?.Select(x => x is null ? null : new ExperimentEvidenceInput(x.Key, x.Environment ?? "production", x.Phase)).ToList(),
                e.Rollouts?.Select(r => r is null ? null : new RolloutEvidenceInput(r.Flag, r.Environment, r.Rule)).ToList(),
                e.Notes, e.Links)
            : null,
        request.Override);

    public static FeatureDecisionResponse ToResponse(FeatureDecision decision) => new(
        decision.Id, decision.FeatureKey, FeatureDecisionDocuments.DecisionName(decision.Decision), Name(decision.From), Name(decision.To),
        decision.Reason, decision.Actor, decision.At,
        new FeatureEvidenceResponse(
            decision.Evidence.FrozenAt,
            [.. decision.Evidence.Experiments.Select(x => new ExperimentEvidenceResponse(x.Key, x.Environment, x.Phase, x.Verdict, x.VerdictReason, x.ComputedAt, x.Results))],
            [.. decision.Evidence.Rollouts.Select(r => new RolloutEvidenceResponse(r.Flag, r.Environment, r.Rule, r.Status, r.Stage, r.Fraction, r.LastMove, r.LastReason, r.LookedAt, r.Readings))],
            decision.Evidence.Notes, decision.Evidence.Links,
            decision.Evidence.Override is { } o ? new GateOverrideResponse(o.Gates, o.Reason, o.By) : null));

    private static string Name(FeaturePhase phase) => phase.ToString().ToLowerInvariant();
}
