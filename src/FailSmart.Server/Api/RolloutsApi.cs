using System.Xml;
using FailSmart.Application.Problems;
using FailSmart.Application.Rollouts;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/rollouts`: guarded rollouts' state, readings and history, and people's commands.</summary>
internal static class RolloutsApi
{
    private const string Route = "/{environment}/{flag}/{rule}";

    public static RouteGroupBuilder MapRolloutsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/rollouts").WithTags("Rollouts");
        group.MapGet("/", ListAsync).WithName("ListRollouts")
            .WithSummary("Guarded rollouts, ordered by environment, flag and rule; filter by environment and status (running, awaiting-approval, paused, rolled-back, completed, holdback-ended).")
            .Produces<List<RolloutResponse>>().ProducesValidationProblem();
        group.MapGet(Route, GetAsync).WithName("GetRollout")
            .WithSummary("One guarded rollout: its state, the stage ladder with when each stage began, the last gate readings and sample-ratio p, units per arm, and its history.")
            .Produces<RolloutResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        foreach (RolloutCommand command in Enum.GetValues<RolloutCommand>())
        {
            string name = RolloutCommands.Name(command);
            group.MapPost(Route + "/" + name, (string environment, string flag, string rule, RolloutCommandRequest body, IRolloutService rollouts, HttpContext http) =>
                    RunAsync(rollouts, http, new RolloutKey(environment, flag, rule), command, body))
                .WithName(CommandOperation(command)).WithMetadata(StrictJsonBody.For<RolloutCommandRequest>())
                .WithMetadata(new RequestBodyDocs(nameof(RolloutCommandRequest), $$"""{"reason": "{{Example(command)}}"}"""))
                .WithSummary(Summary(command))
                .Produces<RolloutResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        return api;
    }

    private static async Task<IResult> ListAsync(IRolloutService rollouts, string? environment, string? status, CancellationToken cancellationToken)
    {
        RolloutStatus? wanted = null;
        if (status is not null)
        {
            wanted = AdoConfigStore.TryParseRolloutStatus(status);
            if (wanted is null)
            {
                return ApiProblems.Invalid("status", $"'{status}' is not a rollout status.", "Use running, awaiting-approval, paused, rolled-back, completed or holdback-ended.");
            }
        }

        IReadOnlyList<RolloutView> views = await rollouts.ListAsync(environment, wanted, cancellationToken);
        return TypedResults.Ok(views.Select(v => Response(v, detailed: false)).ToList());
    }

    private static async Task<IResult> GetAsync(string environment, string flag, string rule, IRolloutService rollouts, CancellationToken cancellationToken)
    {
        var key = new RolloutKey(environment, flag, rule);
        return await rollouts.GetAsync(key, cancellationToken) is { } view
            ? TypedResults.Ok(Response(view, detailed: true))
            : ApiProblems.NotFound("rollout", key.ToString());
    }

    private static async Task<IResult> RunAsync(IRolloutService rollouts, HttpContext http, RolloutKey key, RolloutCommand command, RolloutCommandRequest body)
    {
        ServiceResult<RolloutView> result = await rollouts.RunAsync(ApiCaller.From(http, body.Reason ?? ""), key, command, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(Response(result.Value!, detailed: true));
    }

    public static RolloutResponse Response(RolloutView view, bool detailed)
    {
        RolloutState state = view.State;
        RolloutReadings? readings = view.Readings;
        return new RolloutResponse(
            state.Key.Environment, state.Key.Flag, state.Key.Rule, AdoConfigStore.RolloutStatusName(state.Status), state.StageIndex + 1,
            view.Plan?.Stages.Count ?? 0, Percent(view.StageFraction), Percent(view.ServedFraction), Percent(view.Plan?.Holdback), state.Phase,
            state.StageStartedAt, state.LastMove, state.LastReason, state.LookedAt, state.ApprovedBy, state.Version,
            [.. view.Allowed.Select(RolloutCommands.Name)],
            detailed ? [.. view.Stages.Select(s => new RolloutStageResponse(s.Index + 1, FlagPercent(s.Fraction), XmlConvert.ToString(s.MinDuration), s.MinUnits,
                s.MaxDuration is { } max ? XmlConvert.ToString(max) : null, s.RequiresApproval, s.EnteredAt))] : null,
            readings is null ? null : new RolloutUnitsResponse(readings.UnitsNotYet, readings.UnitsIn, readings.UnitsHoldback),
            readings?.Gates.Select(g => new GateReadingResponse(g.MetricKey, g.Estimate, g.Lower, g.Upper, g.HarmShown, g.NonInferiorityShown)
            {
                Margin = g.Margin > 0 ? g.Margin : null,
                ControlUnits = g.Margin > 0 ? g.ControlUnits : null,
                TreatmentUnits = g.Margin > 0 ? g.TreatmentUnits : null,
            }).ToList(),
            readings?.SampleRatioP,
            detailed ? [.. view.History.Select(e => new RolloutHistoryEntry(e.Id, e.At, e.Actor, e.Action, e.Reason, e.Revision))] : null)
        {
            Next = view.Next is { } next ? new RolloutNextResponse(NextKind(next.Kind), next.Text, next.Earliest, next.PausesAt) : null,
        };
    }

    private static string NextKind(RolloutNextKind kind) => kind switch
    {
        RolloutNextKind.Advance => "advance",
        RolloutNextKind.Complete => "complete",
        RolloutNextKind.AwaitApproval => "await-approval",
        RolloutNextKind.Paused => "paused",
        RolloutNextKind.RolledBack => "rolled-back",
        RolloutNextKind.Holdback => "holdback",
        RolloutNextKind.Done => "done",
        RolloutNextKind.NoPlan => "no-plan",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static double? Percent(double? fraction) => fraction is { } f ? FlagPercent(f) : null;

    private static double FlagPercent(double fraction) => Math.Round(fraction * 100, 10);

    private static string CommandOperation(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => "PauseRollout",
        RolloutCommand.Resume => "ResumeRollout",
        RolloutCommand.Skip => "SkipRolloutStage",
        RolloutCommand.RollBack => "RollBackRollout",
        RolloutCommand.Approve => "ApproveRolloutStage",
        RolloutCommand.EndHoldback => "EndRolloutHoldback",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    private static string Example(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => "Support tickets about checkout doubled; pausing while we look.",
        RolloutCommand.Resume => "The ticket spike was an unrelated outage.",
        RolloutCommand.Skip => "The 1% stage ran a week on the beta cohort already.",
        RolloutCommand.RollBack => "Payment errors rose after the 25% stage.",
        RolloutCommand.Approve => "Capacity for 50% confirmed with the platform team.",
        RolloutCommand.EndHoldback => "The 90-day retention read-out is done.",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    private static string Summary(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => "Stops the rollout climbing; the stage keeps serving and harm still rolls it back. Applies while running or awaiting approval.",
        RolloutCommand.Resume => "Lets a paused rollout climb again; the stage's minimum time starts again.",
        RolloutCommand.Skip => "Enters the next stage now, at a new analysis phase, without waiting for what the current stage needs.",
        RolloutCommand.RollBack => "Stops serving the feature (the rule serves 0%); the holdback stays. Final: start a new rollout to try again.",
        RolloutCommand.Approve => "Approves entering the next stage; the engine enters it at its next look once the policy allows.",
        RolloutCommand.EndHoldback => "After completion: removes the plan, so the rule serves 100% and the holdback gets the feature too.",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };
}
