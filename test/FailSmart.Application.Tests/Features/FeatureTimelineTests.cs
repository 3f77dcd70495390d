using System.Globalization;
using System.Text.Json;
using FailSmart.Application.Features;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Features;

public sealed class FeatureTimelineTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse("2026-03-01T09:00:00Z", CultureInfo.InvariantCulture);

    private static readonly Feature s_feature = new(
        "delivery-dates", "Delivery dates", "team-checkout", "Shoppers abandon checkout.", new Hypothesis("Dates raise conversion") { Metric = "conversion" },
        FeaturePhase.Tweak, [new FeatureLink(FeatureLinkKind.Flag, "dates"), new FeatureLink(FeatureLinkKind.Experiment, "dates-test")], new FeatureValue(),
        4, false, "ada@example.com", s_start, s_start);

    private static DateTimeOffset Day(int day) => s_start.AddDays(day);

    private static FeatureDecision Decision(long id, int day, FeatureDecisionKind kind, FeaturePhase from, FeaturePhase to, FeatureEvidence? evidence = null) =>
        new(id, "delivery-dates", kind, from, to, $"reason {id}", evidence ?? new FeatureEvidence(Day(day), [], [], [], []), "grace@example.com", Day(day));

    private static AuditEntry Audit(long id, int day, string kind, string key, string action, string? environment = null, string? before = null, string? after = null) =>
        new(id, Day(day), "ada@example.com", action, kind, key, environment, before, after, null, id);

    [Fact]
    public void Phases_start_and_end_at_the_decisions_that_changed_them_and_an_iterate_changes_none()
    {
        FeatureTimelineView timeline = FeatureTimeline.Build(s_feature,
        [
            Decision(3, 9, FeatureDecisionKind.Advance, FeaturePhase.Ship, FeaturePhase.Tweak),
            Decision(1, 2, FeatureDecisionKind.Advance, FeaturePhase.Think, FeaturePhase.Build),
            Decision(2, 5, FeatureDecisionKind.Advance, FeaturePhase.Build, FeaturePhase.Ship),
            Decision(4, 12, FeatureDecisionKind.Iterate, FeaturePhase.Tweak, FeaturePhase.Tweak),
        ], []);

        timeline.Phases.ShouldBe(
        [
            new FeaturePhaseSpan(FeaturePhase.Think, s_start, Day(2)),
            new FeaturePhaseSpan(FeaturePhase.Build, Day(2), Day(5)),
            new FeaturePhaseSpan(FeaturePhase.Ship, Day(5), Day(9)),
            new FeaturePhaseSpan(FeaturePhase.Tweak, Day(9), null),
        ]);
        timeline.Events.Select(e => e.Title).ShouldBe(
            ["Feature created", "Advanced Think → Build", "Advanced Build → Ship", "Advanced Ship → Tweak", "Iterated in Tweak"]);
    }

    [Fact]
    public void Launches_and_results_are_interleaved_with_decisions_in_time_order()
    {
        JsonElement results = JsonDocument.Parse("{}").RootElement.Clone();
        var evidence = new FeatureEvidence(Day(8), [new ExperimentEvidence("dates-test", "production", 1, "ship", "Conversion rose.", Day(7), results)], [], [], [],
            new GateOverride(["running-test"], "Launch week", "ada@example.com"));
        IReadOnlyList<AuditEntry> audit =
        [
            Audit(14, 6, "experiment", "dates-test", "update", null, """{"status":"draft","phase":1}""", """{"status":"running","phase":1}"""),
            Audit(12, 3, "flag", "dates", "toggle", "production", null, """{"environments":{"production":{"enabled":true}}}"""),
            Audit(13, 4, "flag", "dates", "rollout.advance", "production"),
            Audit(15, 10, "experiment", "dates-test", "update", null, """{"status":"running","phase":1}""", """{"status":"running","phase":2}"""),
            Audit(16, 11, "experiment", "dates-test", "archive"),
            Audit(17, 11, "flag", "dates", "schedule.create", "production"),
        ];

        FeatureTimelineView timeline = FeatureTimeline.Build(s_feature, [Decision(1, 8, FeatureDecisionKind.Advance, FeaturePhase.Ship, FeaturePhase.Tweak, evidence)], audit);

        timeline.Events.Select(e => (e.At, e.Kind, e.Title)).ShouldBe(
        [
            (s_start, "created", "Feature created"),
            (Day(3), "flag", "Flag turned on in production"),
            (Day(4), "rollout", "Rollout advance in production"),
            (Day(6), "experiment", "Experiment started"),
            (Day(7), "result", "Results: ship (phase 1, production)"),
            (Day(8), "decision", "Advanced Ship → Tweak"),
            (Day(10), "experiment", "Experiment entered phase 2"),
            (Day(11), "experiment", "Experiment archived"),
        ]);
        timeline.Events.Single(e => e.Kind == "decision").Overridden.ShouldBeTrue();
        timeline.Events.Single(e => e.Kind == "result").Detail.ShouldBe("Conversion rose.");
    }

    [Fact]
    public void A_stop_and_a_restart_close_and_reopen_phases()
    {
        FeatureTimelineView timeline = FeatureTimeline.Build(s_feature with { Phase = FeaturePhase.Build },
        [
            Decision(1, 1, FeatureDecisionKind.Advance, FeaturePhase.Think, FeaturePhase.Build),
            Decision(2, 3, FeatureDecisionKind.Stop, FeaturePhase.Build, FeaturePhase.Stopped),
            Decision(3, 4, FeatureDecisionKind.Restart, FeaturePhase.Stopped, FeaturePhase.Build),
        ], []);

        timeline.Phases.Select(p => (p.Phase, p.End)).ShouldBe(
            [(FeaturePhase.Think, (DateTimeOffset?)Day(1)), (FeaturePhase.Build, Day(3)), (FeaturePhase.Stopped, Day(4)), (FeaturePhase.Build, null)]);
        timeline.Events.Select(e => e.Title).ShouldBe(["Feature created", "Advanced Think → Build", "Stopped in Build", "Restarted in Build"]);
    }
}
