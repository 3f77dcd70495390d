using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Application.Tests.Rollouts;

public sealed class RolloutEngineTests : IDisposable
{
    private readonly RolloutTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bed.Dispose();

    private static double ServedPercentage(string? document) =>
        System.Text.Json.Nodes.JsonNode.Parse(document.ShouldNotBeNull())!["environments"]!["production"]!["rules"]![0]!["rollout"]!["percentage"]!.GetValue<double>();

    [Fact]
    public async Task LookAsync_new_guarded_rule_starts_it_at_the_first_stage_and_audits_the_start()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());

        RolloutLookResult result = await _bed.Engine.LookAsync(Ct);

        result.ShouldBe(new RolloutLookResult(true, 1, 1));
        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.Status, state.StageIndex, state.Phase, state.StageStartedAt).ShouldBe((RolloutStatus.Running, 0, 1, _bed.Clock.GetUtcNow()));
        (await _bed.ServedAsync()).Stage.Fraction.ShouldBe(0.01, 1e-12);
        AuditEntry start = (await _bed.RolloutAuditAsync()).ShouldHaveSingleItem();
        (start.Action, start.Actor, start.Kind, start.Environment).ShouldBe(("rollout.start", "rollout-engine", "flag", (string?)"production"));
        start.Reason.ShouldBe("ramp: Stage 1 of 3 (1%) begins.");
        _bed.Policy.Looks.ShouldBeEmpty(); // a start is not a look: the stage has no numbers yet
    }

    [Fact]
    public async Task LookAsync_advance_serves_the_next_stage_at_a_new_phase_in_one_audited_transition()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());
        await _bed.Engine.LookAsync(Ct);
        _bed.Policy.Then(RolloutMove.Advance);
        _bed.Events.Units.AddRange([new VariationUnits(0, 900), new VariationUnits(1, 1200), new VariationUnits(2, 12)]);
        _bed.Clock.Advance(TimeSpan.FromDays(1));

        RolloutLookResult result = await _bed.Engine.LookAsync(Ct);

        result.Transitions.ShouldBe(1);
        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.Status, state.StageIndex, state.Phase, state.StageStartedAt, state.LastMove).ShouldBe((RolloutStatus.Running, 1, 2, _bed.Clock.GetUtcNow(), "advance"));
        RolloutAction served = await _bed.ServedAsync();
        served.Stage.Fraction.ShouldBe(0.05, 1e-12);
        served.Plan.ShouldNotBeNull().Phase.ShouldBe(2);
        AuditEntry advance = (await _bed.RolloutAuditAsync())[^1];
        advance.Action.ShouldBe("rollout.advance");
        advance.Reason.ShouldBe("ramp: Stage 2 of 3 (5%) begins. Scripted Advance. (Stage 1 of 3 (1%): 1,200 units in, 900 not yet, 12 held back; sample-ratio p 0.42; errors -1% [-3%, +1%].)");
        ServedPercentage(advance.Before).ShouldBe(1);
        ServedPercentage(advance.After).ShouldBe(5);
    }

    [Fact]
    public async Task LookAsync_reads_this_stages_units_and_guardrail_sums_control_being_not_yet_plus_holdback()
    {
        await _bed.SeedMetricAsync("""{"key":"errors","type":"count","event":"error","direction":"decrease","role":"guardrail","nonInferiorityMargin":0.02}""");
        await _bed.SeedMetricAsync("""{"key":"revenue","type":"sum","event":"purchase"}""");
        RolloutPlan plan = RolloutTestBed.Plan() with { Phase = 4, Metrics = [new MetricReference("errors"), new MetricReference("revenue")] };
        await _bed.SeedFlagAsync(plan);
        await _bed.Engine.LookAsync(Ct);
        _bed.Events.Units.AddRange([new VariationUnits(0, 500), new VariationUnits(1, 40), new VariationUnits(2, 7)]);
        _bed.Events.Metrics["errors"] = [new VariationStatistics(0, 500, 50, 80), new VariationStatistics(1, 40, 9, 15), new VariationStatistics(2, 7, 1, 1)];
        _bed.Clock.Advance(TimeSpan.FromHours(2));

        await _bed.Engine.LookAsync(Ct);

        RolloutLook look = _bed.Policy.Looks.ShouldHaveSingleItem();
        (look.StageIndex, look.UnitsNotYet, look.UnitsIn, look.UnitsHoldback, look.Now, look.NextStageApproved).ShouldBe((0, 500L, 40L, 7L, _bed.Clock.GetUtcNow(), false));
        look.StageStartedAt.ShouldBe(_bed.Clock.GetUtcNow().AddHours(-2));
        GuardrailInput guardrail = look.Guardrails.ShouldHaveSingleItem(); // revenue is a primary metric here
        guardrail.ShouldBe(new GuardrailInput("errors", false, 0.02, new ArmSums(507, 51, 81), new ArmSums(40, 9, 15)));
        ExperimentScope scope = _bed.Events.Scopes.ShouldHaveSingleItem();
        scope.ShouldBe(new ExperimentScope("production", "rollout:checkout:ramp", 4, _bed.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task LookAsync_plan_margin_and_role_win_over_the_definitions()
    {
        await _bed.SeedMetricAsync("""{"key":"latency","type":"count","event":"slow-request"}""");
        await _bed.SeedFlagAsync(RolloutTestBed.Plan() with { Metrics = [new MetricReference("latency") { Role = MetricUse.Guardrail, Margin = 0.05 }] });
        await _bed.Engine.LookAsync(Ct);

        await _bed.Engine.LookAsync(Ct);

        GuardrailInput guardrail = _bed.Policy.Looks.ShouldHaveSingleItem().Guardrails.ShouldHaveSingleItem();
        (guardrail.MetricKey, guardrail.RelativeMargin, guardrail.HigherIsBetter).ShouldBe(("latency", 0.05, true));
    }

    [Fact]
    public async Task LookAsync_plan_naming_an_undefined_metric_pauses_without_asking_the_policy()
    {
        // A plan cannot be written naming an unknown metric, but its metric can be archived after the rollout started.
        await _bed.SeedMetricAsync("""{"key":"missing","type":"count","event":"error","direction":"decrease","role":"guardrail"}""");
        await _bed.SeedFlagAsync(RolloutTestBed.Plan() with { Metrics = [new MetricReference("missing") { Role = MetricUse.Guardrail }] });
        await _bed.Engine.LookAsync(Ct);
        (await _bed.Store.ArchiveAsync(new ResourceWrite(ResourceKind.Metric, "missing", "", [], null, "Ada"), Ct)).Status.ShouldBe(WriteStatus.Committed);
        _bed.Policy.Looks.Clear();
        _bed.Policy.Default = RolloutMove.Advance;

        await _bed.Engine.LookAsync(Ct);

        _bed.Policy.Looks.ShouldBeEmpty();
        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.Status, state.StageIndex).ShouldBe((RolloutStatus.Paused, 0));
        state.LastReason.ShouldNotBeNull().ShouldContain("'missing'");
    }

    [Fact]
    public async Task LookAsync_stay_records_the_decision_and_its_numbers_without_an_audit_entry_or_revision()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());
        await _bed.Engine.LookAsync(Ct);
        long revision = await _bed.Store.GetRevisionAsync(Ct);
        _bed.Events.Units.Add(new VariationUnits(1, 33));

        RolloutLookResult result = await _bed.Engine.LookAsync(Ct);

        result.Transitions.ShouldBe(0);
        (await _bed.Store.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await _bed.RolloutAuditAsync()).Count.ShouldBe(1);
        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.LastMove, state.LastReason, state.LookedAt).ShouldBe(("stay", "Scripted Stay.", (DateTimeOffset?)_bed.Clock.GetUtcNow()));
        RolloutReadings readings = RolloutReadings.FromJson(state.LastReadings).ShouldNotBeNull();
        (readings.UnitsIn, readings.SampleRatioP, readings.Gates.Count).ShouldBe((33L, (double?)0.42, 1));
    }

    [Fact]
    public async Task LookAsync_rollback_stops_serving_the_feature_even_before_a_stage_that_needs_approval()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan(new(0.01), new(0.5) { RequiresApproval = true }, new(1)));
        await _bed.Engine.LookAsync(Ct);
        _bed.Policy.Then(RolloutMove.RollBack);

        await _bed.Engine.LookAsync(Ct);

        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.Status, state.Phase).ShouldBe((RolloutStatus.RolledBack, 2));
        RolloutAction served = await _bed.ServedAsync();
        served.Stage.Fraction.ShouldBe(0);
        served.Plan.ShouldNotBeNull().Holdback.ShouldBe(RolloutPlan.DefaultHoldback); // the holdback stays
        (await _bed.RolloutAuditAsync()).Select(e => e.Action).ShouldBe(["rollout.start", "rollout.rollback"]);

        _bed.Policy.Default = RolloutMove.Advance;
        await _bed.Engine.LookAsync(Ct); // rolled back is final for the engine
        (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull().Status.ShouldBe(RolloutStatus.RolledBack);
    }

    [Fact]
    public async Task LookAsync_next_stage_needing_approval_waits_for_a_person_then_advances()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan(new(0.01), new(0.5) { RequiresApproval = true }, new(1)));
        await _bed.Engine.LookAsync(Ct);
        _bed.Policy.Default = RolloutMove.Advance;

        await _bed.Engine.LookAsync(Ct);
        await _bed.Engine.LookAsync(Ct);

        RolloutState waiting = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (waiting.Status, waiting.StageIndex).ShouldBe((RolloutStatus.AwaitingApproval, 0));
        (await _bed.ServedAsync()).Stage.Fraction.ShouldBe(0.01, 1e-12);
        (await _bed.RolloutAuditAsync()).Select(e => e.Action).ShouldBe(["rollout.start", "rollout.await-approval"]);

        var editor = new Access.Caller("Grace", "account-grace", Access.CallerRole.Editor, ["production"], Reason: "Dashboards look fine");
        (await _bed.Rollouts.RunAsync(editor, RolloutTestBed.Key, RolloutCommand.Approve, Ct)).Succeeded.ShouldBeTrue();
        await _bed.Engine.LookAsync(Ct);

        _bed.Policy.Looks[^1].NextStageApproved.ShouldBeTrue();
        RolloutState advanced = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (advanced.Status, advanced.StageIndex, advanced.ApprovedBy).ShouldBe((RolloutStatus.Running, 1, (string?)null));
        (await _bed.ServedAsync()).Stage.Fraction.ShouldBe(0.5, 1e-12);
        (await _bed.RolloutAuditAsync()).Select(e => e.Action).ShouldBe(["rollout.start", "rollout.await-approval", "rollout.approve", "rollout.advance"]);
    }

    [Fact]
    public async Task LookAsync_climbs_every_stage_once_then_completes_and_stays_completed()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());
        _bed.Policy.Default = RolloutMove.Advance;

        for (int look = 0; look < 6; look++)
        {
            await _bed.Engine.LookAsync(Ct);
        }

        RolloutState state = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (state.Status, state.StageIndex, state.Phase).ShouldBe((RolloutStatus.Completed, 2, 3));
        (await _bed.ServedAsync()).Stage.Fraction.ShouldBe(1);
        (await _bed.RolloutAuditAsync()).Select(e => e.Action).ShouldBe(["rollout.start", "rollout.advance", "rollout.advance", "rollout.complete"]);

        // Completed, the long-term holdback stays measured: the numbers follow new units, and nothing moves.
        _bed.Events.Units.Add(new VariationUnits(1, 3_960));
        _bed.Events.Units.Add(new VariationUnits(2, 40));
        await _bed.Engine.LookAsync(Ct);
        RolloutState watched = (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();
        (watched.Status, watched.StageIndex, watched.Phase).ShouldBe((RolloutStatus.Completed, 2, 3));
        RolloutReadings readings = RolloutReadings.FromJson(watched.LastReadings).ShouldNotBeNull();
        (readings.UnitsIn, readings.UnitsHoldback).ShouldBe((3_960L, 40L));
        (await _bed.RolloutAuditAsync()).Count.ShouldBe(4);
    }

    [Fact]
    public async Task LookAsync_paused_rollout_does_not_climb_but_still_rolls_back_on_harm()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());
        await _bed.Engine.LookAsync(Ct);
        var editor = new Access.Caller("Grace", "account-grace", Access.CallerRole.Editor, Reason: "Investigating a support ticket");
        await _bed.Rollouts.RunAsync(editor, RolloutTestBed.Key, RolloutCommand.Pause, Ct);
        _bed.Policy.Then(RolloutMove.Advance, RolloutMove.RollBack);

        await _bed.Engine.LookAsync(Ct);
        (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull().StageIndex.ShouldBe(0);
        await _bed.Engine.LookAsync(Ct);

        (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull().Status.ShouldBe(RolloutStatus.RolledBack);
    }

    [Fact]
    public async Task LookAsync_only_the_lease_holder_looks_and_another_replica_takes_over_after_the_lease_expires()
    {
        await _bed.SeedFlagAsync(RolloutTestBed.Plan());
        IRolloutEngine a = _bed.Engine;
        IRolloutEngine b = _bed.Build("replica-b").GetRequiredService<IRolloutEngine>();

        (await a.LookAsync(Ct)).Leader.ShouldBeTrue();
        (await b.LookAsync(Ct)).ShouldBe(new RolloutLookResult(false, 0, 0));
        _bed.Clock.Advance(TimeSpan.FromMinutes(2));
        (await a.LookAsync(Ct)).Leader.ShouldBeTrue(); // renewed: three minutes from now
        _bed.Clock.Advance(TimeSpan.FromMinutes(2.9));
        (await b.LookAsync(Ct)).Leader.ShouldBeFalse();

        _bed.Clock.Advance(TimeSpan.FromMinutes(0.2)); // a stopped looking; its lease ran out
        _bed.Policy.Then(RolloutMove.Advance);
        RolloutLookResult taken = await b.LookAsync(Ct);

        taken.ShouldBe(new RolloutLookResult(true, 1, 1));
        (await a.LookAsync(Ct)).Leader.ShouldBeFalse();
        (await _bed.RolloutAuditAsync()).Select(e => e.Action).ShouldBe(["rollout.start", "rollout.advance"]);
    }
}
