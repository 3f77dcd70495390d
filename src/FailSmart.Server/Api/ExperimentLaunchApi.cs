using FailSmart.Application.Experiments;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Api;

/// <summary>
/// `/api/v1/experiments/{key}/checklist|start|stop|new-phase`: launching an experiment. Each action is a
/// write of the experiment through the resource service (roles, approvals, validation, the collision guard
/// and the audit log apply); a start the guard refuses goes ahead only with X-Acknowledge-Collisions: true.
/// </summary>
internal static class ExperimentLaunchApi
{
    public static RouteGroupBuilder MapExperimentLaunchApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/experiments/{key}").WithTags("Experiments");
        group.MapGet("/checklist", ChecklistAsync).WithName("GetExperimentChecklist")
            .WithSummary("The launch checklist in an environment (default production): phase, the flag rule that runs it, collisions as if it were running, metrics, hypothesis and the plan's days to a decision; each passed, warning or failed with a sentence.")
            .Produces<ExperimentChecklistResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/start", (string key, ExperimentActionRequest body, IExperimentLaunchService launch, HttpContext http) =>
                RespondAsync(launch.StartAsync(ApiCaller.From(http, body.Reason ?? ""), key, http.RequestAborted), http))
            .WithName("StartExperiment").WithMetadata(StrictJsonBody.For<ExperimentActionRequest>("reason"))
            .WithMetadata(new RequestBodyDocs(nameof(ExperimentActionRequest), """{"reason": "Plan reviewed: 14 days at 20% of traffic."}"""))
            .WithSummary("Sets a draft experiment running (a stopped one starts again in the next phase). Refused with each collision if it would share units with another trial, unless acknowledged (X-Acknowledge-Collisions: true).")
            .Produces<ResourceResponse>().Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/stop", (string key, ExperimentActionRequest body, IExperimentLaunchService launch, HttpContext http) =>
                RespondAsync(launch.StopAsync(ApiCaller.From(http, body.Reason ?? ""), key, http.RequestAborted), http))
            .WithName("StopExperiment").WithMetadata(StrictJsonBody.For<ExperimentActionRequest>("reason"))
            .WithMetadata(new RequestBodyDocs(nameof(ExperimentActionRequest), """{"reason": "Decision reached: ship the treatment."}"""))
            .WithSummary("Stops a running or draft experiment, so it assigns nobody; its results stay readable.")
            .Produces<ResourceResponse>().Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/new-phase", (string key, ExperimentNewPhaseRequest body, IExperimentLaunchService launch, HttpContext http) =>
                RespondAsync(launch.NewPhaseAsync(ApiCaller.From(http, body.Reason ?? ""), key, new PhaseChange(body.Weights, body.Coverage), http.RequestAborted), http))
            .WithName("BeginExperimentPhase").WithMetadata(StrictJsonBody.For<ExperimentNewPhaseRequest>("reason"))
            .WithMetadata(new RequestBodyDocs(nameof(ExperimentNewPhaseRequest), """{"reason": "Guardrails held at 10%; widening to half of traffic.", "coverage": 0.5}"""))
            .WithSummary("Begins the next phase of a running experiment, optionally with new weights (one per variation, in order) or coverage; results are analysed per phase.")
            .Produces<ResourceResponse>().Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ChecklistAsync(string key, string? environment, IExperimentLaunchService launch, CancellationToken cancellationToken)
    {
        if (environment is { Length: 0 })
        {
            return ApiProblems.Invalid("environment", "The environment is empty.", "Leave it out for production, or name an environment (GET /api/v1/environments lists them).");
        }

        ServiceResult<LaunchChecklist> result = await launch.ChecklistAsync(key, environment ?? "production", cancellationToken);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        LaunchChecklist checklist = result.Value!;
        return TypedResults.Ok(new ExperimentChecklistResponse(
            checklist.Experiment, checklist.Environment, checklist.Status, checklist.Phase, State(checklist.Outcome), checklist.DaysToDecision,
            [.. checklist.Items.Select(i => new ChecklistItemResponse(i.Check, State(i.State), i.Sentence))]));
    }

    private static async Task<IResult> RespondAsync(Task<ServiceResult<FailSmart.Storage.Config.StoredResource>> action, HttpContext http) =>
        ServiceResults.Resource(await action, http);

    internal static string State(ChecklistState state) => state.ToString().ToLowerInvariant();
}
