using System.Globalization;
using System.Text.Json;
using FailSmart.Application.Metrics;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// The persisted state machine of guarded rollouts. It keeps nothing in memory between looks: every look
/// reads the configuration and the rollouts' state, and every move is one transaction (state
/// compare-and-set, flag, audit entry, revision), so a process killed at any moment leaves either the move
/// done once or not at all, and the next look carries on from what is stored.
/// </summary>
internal sealed class RolloutEngine(
    IConfigStore config,
    IRolloutStore rollouts,
    IEventStore events,
    IRolloutPolicy policy,
    RolloutWriter writer,
    RolloutEngineOptions options,
    [FromKeyedServices(RolloutClock.Key)] TimeProvider time,
    ILogger<RolloutEngine> logger) : IRolloutEngine
{
    private bool _leader;

    public async Task<RolloutLookResult> LookAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = time.GetUtcNow();
        bool leader = await rollouts.TryAcquireLeaseAsync(RolloutEngineOptions.LeaseName, options.Holder, now, now + options.EffectiveLeaseDuration, cancellationToken);
        if (leader != _leader)
        {
            _leader = leader;
            if (leader)
            {
                RolloutLog.BecameLeader(logger, options.Holder);
            }
            else
            {
                RolloutLog.LostLeadership(logger, options.Holder);
            }
        }

        if (!leader)
        {
            return new RolloutLookResult(false, 0, 0);
        }

        var (resources, _) = await config.SnapshotAsync(cancellationToken);
        IReadOnlyList<GuardedRule>? guarded = GuardedRules.Find(resources);
        if (guarded is null)
        {
            RolloutLog.ConfigurationUnreadable(logger);
            return new RolloutLookResult(true, 0, 0);
        }

        Dictionary<RolloutKey, RolloutState> states = (await rollouts.ListRolloutsAsync(cancellationToken)).ToDictionary(s => s.Key);
        int transitions = 0;
        foreach (GuardedRule rule in guarded)
        {
            bool moved = states.TryGetValue(rule.Key, out RolloutState? state)
                ? await LookAtAsync(rule, state, resources, cancellationToken)
                : await StartAsync(rule, now, cancellationToken);
            transitions += moved ? 1 : 0;
        }

        return new RolloutLookResult(true, guarded.Count, transitions);
    }

    private async Task<bool> StartAsync(GuardedRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RolloutPlanStage first = rule.Plan.Stages[0];
        var state = new RolloutState(rule.Key, RolloutStatus.Running, 0, now, rule.Plan.Phase, "start", null, null, null, null, 0, now);
        string reason = $"{rule.Key.Rule}: {StageText(rule.Plan, 0)} begins.";
        bool serving = Same(rule.Action.Stage.Fraction, first.Fraction);
        Func<string, string?>? edit = serving ? null : document => FlagStageEdit.SetStage(document, rule.Key, first.Fraction, rule.Plan.Phase);
        return await CommitAsync(state with { LastReason = reason }, "rollout.start", reason, edit, cancellationToken);
    }

    private async Task<bool> LookAtAsync(GuardedRule rule, RolloutState state, IReadOnlyList<StoredResource> resources, CancellationToken cancellationToken)
    {
        if (state.Status == RolloutStatus.Completed)
        {
            // The long-term holdback: the last stage's numbers (everyone who got the feature against the held-back
            // units) stay current until someone ends the holdback. Nothing moves, nothing is audited.
            (_, RolloutReadings latest) = await DecideAsync(rule, state, resources, time.GetUtcNow(), cancellationToken);
            await rollouts.RecordLookAsync(state with { LastReadings = latest.ToJson(), LookedAt = time.GetUtcNow() }, cancellationToken);
            return false;
        }

        if (state.Status is not (RolloutStatus.Running or RolloutStatus.AwaitingApproval or RolloutStatus.Paused))
        {
            return false; // rolled back or holdback ended: nothing left for the engine to decide
        }

        DateTimeOffset now = time.GetUtcNow();
        int stageIndex = Math.Min(state.StageIndex, rule.Plan.Stages.Count - 1);
        (RolloutDecision decision, RolloutReadings readings) = await DecideAsync(rule, state with { StageIndex = stageIndex }, resources, now, cancellationToken);
        RolloutMove move = decision.Move;
        bool last = stageIndex >= rule.Plan.Stages.Count - 1;
        if (state.Status == RolloutStatus.Paused && move != RolloutMove.RollBack)
        {
            move = RolloutMove.Stay; // a paused rollout climbs only when a person resumes it, but harm still rolls it back
        }
        else if (move == RolloutMove.Advance && last)
        {
            move = RolloutMove.Complete;
        }
        else if (move == RolloutMove.Advance && rule.Plan.Stages[stageIndex + 1].RequiresApproval && state.ApprovedBy is null)
        {
            move = RolloutMove.AwaitApproval; // the engine never enters a stage that needs a person without one
        }
        else if (move == RolloutMove.Complete && !last)
        {
            move = RolloutMove.Stay;
        }

        string numbers = Numbers(rule.Plan, stageIndex, readings);
        RolloutState looked = state with
        {
            LastMove = RolloutMoves.Name(move),
            LastReason = decision.Reason,
            LastReadings = readings.ToJson(),
            LookedAt = now,
        };
        string Because(string what) => $"{rule.Key.Rule}: {what} {decision.Reason} {numbers}";

        switch (move)
        {
            case RolloutMove.Advance:
                {
                    int next = stageIndex + 1;
                    double fraction = rule.Plan.Stages[next].Fraction;
                    int phase = state.Phase + 1;
                    // The next stage starts with the harm evidence this one ended with, so the whole rollout keeps its α.
                    RolloutReadings entering = readings with { Carried = decision.Gates.ToDictionary(g => g.MetricKey, g => g.CarriedEvidence, StringComparer.Ordinal) };
                    RolloutState advanced = looked with
                    {
                        Status = RolloutStatus.Running,
                        StageIndex = next,
                        StageStartedAt = now,
                        Phase = phase,
                        ApprovedBy = null,
                        LastReadings = entering.ToJson(),
                    };
                    return await CommitAsync(advanced, "rollout.advance", Because($"{StageText(rule.Plan, next)} begins."),
                        document => FlagStageEdit.SetStage(document, rule.Key, fraction, phase), cancellationToken);
                }

            case RolloutMove.RollBack:
                {
                    int phase = state.Phase + 1;
                    RolloutState rolledBack = looked with { Status = RolloutStatus.RolledBack, Phase = phase };
                    return await CommitAsync(rolledBack, "rollout.rollback", Because("Rolled back: the feature is served to nobody."),
                        document => FlagStageEdit.SetStage(document, rule.Key, 0, phase), cancellationToken);
                }

            case RolloutMove.Pause when state.Status != RolloutStatus.Paused:
                return await CommitAsync(looked with { Status = RolloutStatus.Paused }, "rollout.pause", Because("Paused."), null, cancellationToken);

            case RolloutMove.AwaitApproval when state.Status != RolloutStatus.AwaitingApproval:
                return await CommitAsync(looked with { Status = RolloutStatus.AwaitingApproval }, "rollout.await-approval",
                    Because($"{StageText(rule.Plan, stageIndex + 1)} waits for approval."), null, cancellationToken);

            case RolloutMove.Complete:
                return await CommitAsync(looked with { Status = RolloutStatus.Completed }, "rollout.complete",
                    Because("Completed: every stage passed; the holdback stays."), null, cancellationToken);

            default:
                await rollouts.RecordLookAsync(looked, cancellationToken);
                return false;
        }
    }

    private async Task<(RolloutDecision, RolloutReadings)> DecideAsync(
        GuardedRule rule, RolloutState state, IReadOnlyList<StoredResource> resources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = new ExperimentScope(rule.Key.Environment, RolloutPlan.AnalysisKey(rule.Key.Flag, rule.Key.Rule), state.Phase, now);
        ExposureSummary summary = await events.SummarizeExposuresAsync(scope, cancellationToken);
        long Units(RolloutArm arm) => summary.Variations.FirstOrDefault(v => v.Variation == (int)arm)?.Units ?? 0;
        (long notYet, long inUnits, long holdback) = (Units(RolloutArm.NotYet), Units(RolloutArm.In), Units(RolloutArm.Holdback));

        IReadOnlyDictionary<string, double> carried = RolloutReadings.FromJson(state.LastReadings)?.Carried ?? new Dictionary<string, double>();
        var guardrails = new List<GuardrailInput>();
        var missing = new List<string>();
        foreach (MetricReference reference in rule.Plan.Metrics)
        {
            MetricDefinition? definition = ReadMetric(resources, reference.Key);
            if (definition is null)
            {
                missing.Add(reference.Key);
                continue;
            }

            MetricUse role = reference.Role ?? Enum.Parse<MetricUse>(definition.Role.ToString());
            if (role != MetricUse.Guardrail)
            {
                continue;
            }

            MetricAnalysis analysis = await events.AnalyzeMetricAsync(scope, definition, cancellationToken);
            ArmSums Sums(int arm) => analysis.Variations.FirstOrDefault(v => v.Variation == arm) is { } v ? new ArmSums(v.Units, v.Sum, v.SumOfSquares) : default;
            guardrails.Add(new GuardrailInput(definition.Key, definition.Direction == MetricDirection.Increase,
                reference.Margin ?? definition.NonInferiorityMargin ?? DefaultMargin,
                RolloutArms.Sum(RolloutArms.Without, Sums), RolloutArms.Sum(RolloutArms.With, Sums))
            {
                CarriedEvidence = carried.GetValueOrDefault(definition.Key),
            });
        }

        RolloutDecision decision = missing.Count > 0
            // Climbing blind past a guardrail that cannot be read is what guarded rollouts exist to prevent.
            ? new RolloutDecision(RolloutMove.Pause, $"The plan names metric {string.Join(", ", missing.Select(m => $"'{m}'"))} that has no definition; define it, then resume.", [], null)
            : policy.Decide(new RolloutLook(rule.Plan, state.StageIndex, state.StageStartedAt, now, notYet, inUnits, holdback, guardrails, state.ApprovedBy is not null));
        return (decision, new RolloutReadings(notYet, inUnits, holdback, decision.SampleRatioP, decision.Gates) { Carried = carried });
    }

    /// <summary>The harm a guardrail tolerates when neither the plan nor the metric definition says.</summary>
    internal const double DefaultMargin = 0.01;

    private static MetricDefinition? ReadMetric(IReadOnlyList<StoredResource> resources, string key)
    {
        StoredResource? stored = resources.FirstOrDefault(r => r.Kind == ResourceKind.Metric && r.Key == key);
        if (stored is null)
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(stored.Document);
        return MetricDocumentReader.Read(document.RootElement).Metric?.Definition;
    }

    private async Task<bool> CommitAsync(RolloutState state, string action, string reason, Func<string, string?>? editFlag, CancellationToken cancellationToken)
    {
        var transition = new RolloutTransition(state, action, RolloutEngineOptions.Actor, reason);
        var (outcome, invalid) = await writer.CommitAsync(transition, editFlag, cancellationToken);
        if (invalid is not null)
        {
            RolloutLog.Invalid(logger, state.Key, action, invalid.Detail);
            return false;
        }

        if (outcome!.Status != RolloutTransitionStatus.Committed)
        {
            RolloutLog.NotCommitted(logger, state.Key, action, outcome.Status);
            return false;
        }

        RolloutLog.Moved(logger, state.Key, action, reason);
        return true;
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) < 1e-9;

    internal static string StageText(RolloutPlan plan, int index) =>
        $"Stage {index + 1} of {plan.Stages.Count} ({FlagStageEdit.Label(plan.Stages[index].Fraction)})";

    private static string Numbers(RolloutPlan plan, int stageIndex, RolloutReadings readings)
    {
        string srm = readings.SampleRatioP is { } p ? $"; sample-ratio p {p.ToString("0.####", CultureInfo.InvariantCulture)}" : "";
        string gates = string.Concat(readings.Gates.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"; {g.MetricKey} {g.Estimate:+0.##%;-0.##%;0%} [{g.Lower:+0.##%;-0.##%;0%}, {g.Upper:+0.##%;-0.##%;0%}]")));
        return string.Create(CultureInfo.InvariantCulture,
            $"({StageText(plan, stageIndex)}: {readings.UnitsIn:N0} units in, {readings.UnitsNotYet:N0} not yet, {readings.UnitsHoldback:N0} held back{srm}{gates}.)");
    }
}
