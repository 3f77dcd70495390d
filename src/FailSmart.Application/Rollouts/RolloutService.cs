using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Application.Rollouts;

internal sealed class RolloutService(
    IConfigStore config,
    IRolloutStore rollouts,
    RolloutWriter writer,
    [FromKeyedServices(RolloutClock.Key)] TimeProvider time) : IRolloutService
{
    // A look of the engine may commit between this read and the write; reading again settles it.
    private const int Attempts = 3;

    public async Task<IReadOnlyList<RolloutView>> ListAsync(string? environment = null, RolloutStatus? status = null, CancellationToken cancellationToken = default)
    {
        var (resources, _) = await config.SnapshotAsync(cancellationToken);
        IReadOnlyList<GuardedRule> guarded = GuardedRules.Find(resources) ?? [];
        return
        [
            .. (await rollouts.ListRolloutsAsync(cancellationToken))
                .Where(s => (environment is null || s.Key.Environment == environment) && (status is null || s.Status == status))
                .Select(s => View(s, guarded.FirstOrDefault(g => g.Key == s.Key), [], time.GetUtcNow())),
        ];
    }

    public async Task<RolloutView?> GetAsync(RolloutKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RolloutState? state = await rollouts.GetRolloutAsync(key, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var (resources, _) = await config.SnapshotAsync(cancellationToken);
        return View(state, GuardedRules.Find(resources)?.FirstOrDefault(g => g.Key == key), await HistoryAsync(key, cancellationToken), time.GetUtcNow());
    }

    public async Task<ServiceResult<RolloutView>> RunAsync(Caller caller, RolloutKey key, RolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(key);
        string name = RolloutCommands.Name(command);
        if (string.IsNullOrWhiteSpace(caller.Reason))
        {
            return ServiceProblems.Invalid("reason", "A reason is required.", $"Say why you {name} the rollout, e.g. {{\"reason\": \"checkout errors rose after the last stage\"}}; the audit log and webhooks carry it.");
        }

        if (!caller.MayEdit(key.Environment))
        {
            return ServiceProblems.Forbidden($"Only editors of the '{key.Environment}' environment may {name} its rollouts. Ask an administrator for that role.");
        }

        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            RolloutState? state = await rollouts.GetRolloutAsync(key, cancellationToken);
            if (state is null)
            {
                return NotFound(key);
            }

            var (resources, _) = await config.SnapshotAsync(cancellationToken);
            GuardedRule? rule = GuardedRules.Find(resources)?.FirstOrDefault(g => g.Key == key);
            RolloutView before = View(state, rule, [], time.GetUtcNow());
            if (rule is null || !before.Allowed.Contains(command))
            {
                return WrongState(key, state, command, rule is null);
            }

            (RolloutState next, Func<string, string?>? edit) = Apply(command, state, rule, caller.Actor, time.GetUtcNow());
            string reason = $"{key.Rule}: {caller.Reason.Trim()}";
            var (outcome, invalid) = await writer.CommitAsync(
                new RolloutTransition(next with { LastMove = name, LastReason = caller.Reason.Trim() }, "rollout." + name, caller.Actor, reason), edit, cancellationToken);
            if (invalid is not null)
            {
                return invalid;
            }

            switch (outcome!.Status)
            {
                case RolloutTransitionStatus.Committed:
                    return new ServiceResult<RolloutView>(ServiceOutcome.Changed, await GetAsync(key, cancellationToken));
                case RolloutTransitionStatus.ConfigurationChanged:
                    return ServiceProblems.ConfigurationBusy();
                default:
                    continue; // the engine or another person moved it: read again and decide again
            }
        }

        return new ServiceProblem(409, "The rollout kept changing.",
            $"The rollout {key} changed each time this {name} was about to be written. Read it again (GET /api/v1/rollouts/{key}) and retry.", []);
    }

    private static (RolloutState Next, Func<string, string?>? Edit) Apply(RolloutCommand command, RolloutState state, GuardedRule rule, string actor, DateTimeOffset now)
    {
        switch (command)
        {
            case RolloutCommand.Pause:
                return (state with { Status = RolloutStatus.Paused }, null);
            case RolloutCommand.Resume:
                // The stage's clock starts again, or a stage paused for running past its maximum would pause at once.
                return (state with { Status = RolloutStatus.Running, StageStartedAt = now }, null);
            case RolloutCommand.Approve:
                return (state with { Status = RolloutStatus.Running, ApprovedBy = actor }, null);
            case RolloutCommand.Skip:
                {
                    int next = state.StageIndex + 1;
                    int phase = state.Phase + 1;
                    double fraction = rule.Plan.Stages[next].Fraction;
                    return (state with { Status = RolloutStatus.Running, StageIndex = next, StageStartedAt = now, Phase = phase, ApprovedBy = null },
                        document => FlagStageEdit.SetStage(document, rule.Key, fraction, phase));
                }

            case RolloutCommand.RollBack:
                {
                    int phase = state.Phase + 1;
                    return (state with { Status = RolloutStatus.RolledBack, Phase = phase }, document => FlagStageEdit.SetStage(document, rule.Key, 0, phase));
                }

            case RolloutCommand.EndHoldback:
                return (state with { Status = RolloutStatus.HoldbackEnded }, document => FlagStageEdit.EndPlan(document, rule.Key));
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> HistoryAsync(RolloutKey key, CancellationToken cancellationToken)
    {
        // The audit log has no rule column: a rollout's entries carry its rule id at the start of the reason.
        string prefix = key.Rule + ": ";
        IReadOnlyList<AuditEntry> entries = await config.QueryAuditAsync(
            new AuditQuery(Kind: AdoConfigStore.KindName(ResourceKind.Flag), Key: key.Flag, Environment: key.Environment, Limit: 500), cancellationToken);
        return [.. entries.Where(e => e.Action.StartsWith("rollout.", StringComparison.Ordinal) && e.Reason?.StartsWith(prefix, StringComparison.Ordinal) == true).Reverse()];
    }

    private static RolloutView View(RolloutState state, GuardedRule? rule, IReadOnlyList<AuditEntry> history, DateTimeOffset now)
    {
        RolloutPlan? plan = rule?.Plan;
        var entered = new Dictionary<int, DateTimeOffset>();
        int stage = -1;
        foreach (AuditEntry entry in history)
        {
            stage = entry.Action switch
            {
                "rollout.start" => 0,
                "rollout.advance" or "rollout.skip" => stage + 1,
                _ => stage,
            };
            if (entry.Action is "rollout.start" or "rollout.advance" or "rollout.skip")
            {
                entered[stage] = entry.At;
            }
        }

        entered[state.StageIndex] = state.StageStartedAt;
        IReadOnlyList<RolloutStageView> stages = plan is null
            ? []
            : [.. plan.Stages.Select((s, i) => new RolloutStageView(i, s.Fraction, s.MinDuration, s.MinUnits, s.MaxDuration, s.RequiresApproval,
                i <= state.StageIndex && entered.TryGetValue(i, out DateTimeOffset at) ? at : null))];
        RolloutReadings? readings = RolloutReadings.FromJson(state.LastReadings);
        return new RolloutView(state, plan, rule?.Action.Stage.Fraction, stages, readings, history)
        {
            Next = RolloutNext.Of(state, plan, readings, history, now),
        };
    }

    private static ServiceProblem NotFound(RolloutKey key) =>
        new(404, "No such rollout.",
            $"There is no guarded rollout {key}. List them with GET /api/v1/rollouts; a rollout exists once the engine has started a rollout rule with a plan.", []);

    private static ServiceProblem WrongState(RolloutKey key, RolloutState state, RolloutCommand command, bool planGone)
    {
        string name = RolloutCommands.Name(command);
        string status = AdoConfigStore.RolloutStatusName(state.Status);
        if (planGone)
        {
            return new(409, $"The rollout cannot {name}.",
                $"The rollout {key} is {status} and its flag no longer has the rule's plan, so there is nothing to {name}.", []);
        }

        string detail = command switch
        {
            RolloutCommand.Skip or RolloutCommand.Approve when RolloutCommands.AppliesIn(command).Contains(state.Status) && state.ApprovedBy is not null && command == RolloutCommand.Approve =>
                $"The next stage of {key} is already approved by {state.ApprovedBy}.",
            RolloutCommand.Skip or RolloutCommand.Approve when RolloutCommands.AppliesIn(command).Contains(state.Status) =>
                $"The rollout {key} is at its last stage; there is no next stage to {name}. It completes by itself when the stage has held.",
            _ => $"The rollout {key} is {status}; {name} applies only when it is " +
                 string.Join(" or ", RolloutCommands.AppliesIn(command).Select(AdoConfigStore.RolloutStatusName)) + ".",
        };
        return new(409, $"The rollout cannot {name} now.", detail, []);
    }
}
