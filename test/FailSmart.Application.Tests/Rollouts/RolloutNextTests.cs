using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Rollouts;

public sealed class RolloutNextTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly RolloutKey s_key = new("production", "checkout", "r1");

    // 10% → 25% → 100%, each at least a day and 1,000 units, at most a week.
    private static readonly RolloutPlan s_plan = new([new RolloutPlanStage(0.1), new RolloutPlanStage(0.25), new RolloutPlanStage(1)]);

    private static RolloutState State(RolloutStatus status, int stage = 0, string? approvedBy = null) =>
        new(s_key, status, stage, s_start, 1, null, null, null, null, approvedBy, 1, s_start);

    private static RolloutReadings Readings(long unitsIn, params GateReading[] gates) => new(900, unitsIn, 10, null, gates);

    private static GateReading Gate(string metric, bool withinMargin) => new(metric, -0.001, -0.02, 0.018, false, withinMargin);

    private static AuditEntry Entry(string action, string actor, string reason, int hours) =>
        new(hours, s_start.AddHours(hours), actor, action, "flag", "checkout", "production", null, null, reason, hours);

    [Fact]
    public void Of_a_running_stage_short_of_time_and_units_says_when_and_what_it_still_needs()
    {
        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Running), s_plan, Readings(620, Gate("errors", false)), [], s_start.AddHours(3));

        next.Kind.ShouldBe(RolloutNextKind.Advance);
        next.Text.ShouldBe("Advances to 25% at the earliest on 2026-12-08 10:00 UTC once 1,000 units have the feature (620 so far) and no guardrail shows harm. If it still lacks that on 2026-12-14 10:00 UTC, it pauses.");
        next.Earliest.ShouldBe(s_start.AddDays(1));
        next.PausesAt.ShouldBe(s_start.AddDays(7));
    }

    [Fact]
    public void Of_a_stage_with_its_time_and_units_advances_at_the_next_look()
    {
        DateTimeOffset now = s_start.AddDays(2);

        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Running), s_plan, Readings(1_500, Gate("errors", false)), [], now);

        next.Text.ShouldBe("Advances to 25% at the engine's next look once no guardrail shows harm.");
        next.Earliest.ShouldBe(now);
        next.PausesAt.ShouldBeNull();
    }

    [Fact]
    public void Of_the_stage_before_the_last_also_waits_for_each_guardrail_to_rule_out_harm_beyond_its_margin()
    {
        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Running, stage: 1), s_plan,
            Readings(5_000, Gate("errors", false), Gate("latency", false), Gate("conversion", true)), [], s_start.AddDays(2));

        next.Text.ShouldBe("Advances to 100% at the engine's next look once errors rules out harm beyond its margin (and 1 more) and no guardrail shows harm. If it still lacks that on 2026-12-14 10:00 UTC, it pauses.");
    }

    [Fact]
    public void Of_an_approved_next_stage_names_the_approver_and_skips_the_margin()
    {
        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Running, stage: 1, approvedBy: "ada@example.com"), s_plan,
            Readings(5_000, Gate("errors", false)), [], s_start.AddDays(2));

        next.Text.ShouldBe("Advances to 100% (approved by ada@example.com) at the engine's next look once no guardrail shows harm.");
    }

    [Fact]
    public void Of_a_next_stage_that_needs_approval_waits_for_it()
    {
        RolloutPlan plan = new([new RolloutPlanStage(0.1), new RolloutPlanStage(1) { RequiresApproval = true }]);

        RolloutNextStep running = RolloutNext.Of(State(RolloutStatus.Running), plan, Readings(100), [], s_start.AddHours(1));
        RolloutNextStep waiting = RolloutNext.Of(State(RolloutStatus.AwaitingApproval), plan, Readings(2_000), [], s_start.AddDays(2));

        running.Kind.ShouldBe(RolloutNextKind.AwaitApproval);
        running.Text.ShouldBe("Waits for approval: advances to 100% only once a person approves, at the earliest on 2026-12-08 10:00 UTC once 1,000 units have the feature (100 so far). If it still lacks that on 2026-12-14 10:00 UTC, it pauses.");
        waiting.Kind.ShouldBe(RolloutNextKind.AwaitApproval);
        waiting.Text.ShouldBe("Waits for a person's approval to advance to 100%; once approved it advances at the engine's next look.");
    }

    [Fact]
    public void Of_the_last_stage_says_when_it_completes_and_that_the_holdback_stays()
    {
        RolloutPlan watched = s_plan with { Metrics = [new MetricReference("page-load") { Role = MetricUse.Guardrail }] };
        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Running, stage: 2), watched, null, [], s_start.AddHours(6));

        next.Kind.ShouldBe(RolloutNextKind.Complete);
        next.Text.ShouldBe("Completes at the earliest on 2026-12-08 10:00 UTC if no guardrail shows harm; the 1% holdback stays.");
        next.Earliest.ShouldBe(s_start.AddDays(1));
    }

    [Fact]
    public void Before_the_first_look_a_plan_without_metrics_names_no_guardrail()
    {
        // The sentence must not change when the engine's first look arrives with no gates.
        string before = RolloutNext.Of(State(RolloutStatus.Running, stage: 2), s_plan, null, [], s_start.AddHours(6)).Text;
        string after = RolloutNext.Of(State(RolloutStatus.Running, stage: 2), s_plan, Readings(0), [], s_start.AddHours(6)).Text;

        before.ShouldBe("Completes at the earliest on 2026-12-08 10:00 UTC; the 1% holdback stays.");
        after.ShouldBe(before);
    }

    [Fact]
    public void Of_a_paused_rollout_says_who_paused_it_when_and_why()
    {
        AuditEntry[] history =
        [
            Entry("rollout.start", RolloutEngineOptions.Actor, "r1: Stage 10% begins.", 0),
            Entry("rollout.pause", "ada@example.com", "r1: checkout tickets doubled", 2),
        ];

        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.Paused), s_plan, null, history, s_start.AddHours(3));

        next.Kind.ShouldBe(RolloutNextKind.Paused);
        next.Text.ShouldBe("Paused by ada@example.com on 2026-12-07 12:00 UTC: checkout tickets doubled. Nothing climbs until someone resumes it; harm still rolls it back.");
        next.Earliest.ShouldBeNull();
    }

    [Fact]
    public void Of_a_rollout_the_engine_rolled_back_names_the_engine_and_its_reason()
    {
        AuditEntry[] history = [Entry("rollout.rollback", RolloutEngineOptions.Actor, "r1: Rolled back: the feature is served to nobody. Guardrail errors is up 40.0%.", 5)];

        RolloutNextStep next = RolloutNext.Of(State(RolloutStatus.RolledBack), s_plan, null, history, s_start.AddHours(6));

        next.Kind.ShouldBe(RolloutNextKind.RolledBack);
        next.Text.ShouldBe("Rolled back by the rollout engine on 2026-12-07 15:00 UTC: Guardrail errors is up 40.0%. The feature is served to nobody; start a new rollout to try again.");
    }

    [Fact]
    public void Of_finished_rollouts_and_a_lost_plan_say_nothing_moves()
    {
        RolloutNext.Of(State(RolloutStatus.Completed, stage: 2), s_plan, null, [], s_start).Text
            .ShouldBe("Complete. The 1% holdback is compared with everyone who got the feature until someone ends the holdback.");
        RolloutNext.Of(State(RolloutStatus.HoldbackEnded, stage: 2), null, null, [], s_start).Kind.ShouldBe(RolloutNextKind.Done);
        RolloutNext.Of(State(RolloutStatus.Running), null, null, [], s_start).Kind.ShouldBe(RolloutNextKind.NoPlan);
    }
}
