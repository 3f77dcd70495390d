using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Guarded rollouts: each transition commits state, flag, audit entry and revision together, or nothing; leases elect one holder.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static readonly RolloutKey s_rollout = new("production", "checkout", "ramp");
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.Parse("2026-05-01T08:00:00Z", CultureInfo.InvariantCulture);

    private static RolloutState NewRollout(int stage = 0, int phase = 1, long version = 0) =>
        new(s_rollout, RolloutStatus.Running, stage, s_t0, phase, null, null, null, null, null, version, s_t0);

    private async Task<(IRolloutStore Rollouts, IConfigStore Config, StoredResource Flag)> ReadyRolloutStoreAsync()
    {
        IConfigStore config = await ReadyStoreAsync();
        WriteOutcome created = await config.CreateAsync(Write("checkout", """{"stage":1}"""), Ct);
        return ((IRolloutStore)config, config, created.Resource!);
    }

    private static ResourceWrite FlagAt(StoredResource flag, string document, long? validatedAt = null) =>
        new(ResourceKind.Flag, flag.Key, document, [], flag.Version, "rollout-engine", ValidatedAtRevision: validatedAt);

    [Fact]
    public async Task TransitionRolloutAsync_new_rollout_stores_state_flag_and_audit_entry_at_one_new_revision()
    {
        var (rollouts, config, flag) = await ReadyRolloutStoreAsync();
        long before = await config.GetRevisionAsync(Ct);

        RolloutTransitionOutcome outcome = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "Stage 1 of 6 (1%) begins.", FlagAt(flag, """{"stage":2}""", before)), Ct);

        outcome.Status.ShouldBe(RolloutTransitionStatus.Committed);
        outcome.Revision.ShouldBe(before + 1);
        outcome.State.ShouldNotBeNull().Version.ShouldBe(1);
        RolloutState stored = (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldNotBeNull();
        stored.ShouldBe(outcome.State);
        stored.StageStartedAt.ShouldBe(s_t0);
        stored.Status.ShouldBe(RolloutStatus.Running);
        StoredResource written = (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull();
        written.Document.ShouldBe("""{"stage":2}""");
        written.Version.ShouldBe(flag.Version + 1);
        AuditEntry entry = (await config.QueryAuditAsync(new AuditQuery(Key: "checkout", Limit: 1), Ct)).Single();
        entry.ShouldBe(entry with
        {
            Actor = "rollout-engine",
            Action = "rollout.start",
            Kind = "flag",
            Environment = "production",
            Before = """{"stage":1}""",
            After = """{"stage":2}""",
            Reason = "Stage 1 of 6 (1%) begins.",
            Revision = before + 1,
        });
    }

    [Fact]
    public async Task TransitionRolloutAsync_stale_state_version_writes_nothing()
    {
        var (rollouts, config, flag) = await ReadyRolloutStoreAsync();
        await rollouts.TransitionRolloutAsync(new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start"), Ct);
        long revision = await config.GetRevisionAsync(Ct);

        // A second start (version 0 again) and a move from a version already passed both lose.
        RolloutTransitionOutcome again = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(NewRollout(stage: 1), "rollout.start", "rollout-engine", "start", FlagAt(flag, """{"stage":9}""")), Ct);
        RolloutTransitionOutcome stale = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(NewRollout(stage: 1, version: 7), "rollout.advance", "rollout-engine", "advance", FlagAt(flag, """{"stage":9}""")), Ct);

        again.Status.ShouldBe(RolloutTransitionStatus.StateChanged);
        stale.Status.ShouldBe(RolloutTransitionStatus.StateChanged);
        (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldNotBeNull().StageIndex.ShouldBe(0);
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull().Document.ShouldBe("""{"stage":1}""");
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await config.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct)).Count(e => e.Action.StartsWith("rollout.", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task TransitionRolloutAsync_flag_changed_since_it_was_read_writes_nothing()
    {
        var (rollouts, config, flag) = await ReadyRolloutStoreAsync();
        await config.UpdateAsync(Write("checkout", """{"stage":"edited"}""", expected: flag.Version), cancellationToken: Ct);
        long revision = await config.GetRevisionAsync(Ct);

        RolloutTransitionOutcome outcome = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start", FlagAt(flag, """{"stage":2}""")), Ct);

        outcome.Status.ShouldBe(RolloutTransitionStatus.FlagChanged);
        (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldBeNull();
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull().Document.ShouldBe("""{"stage":"edited"}""");
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision);
    }

    [Fact]
    public async Task TransitionRolloutAsync_configuration_changed_since_validation_writes_nothing()
    {
        var (rollouts, config, flag) = await ReadyRolloutStoreAsync();
        long validatedAt = await config.GetRevisionAsync(Ct);
        await config.CreateAsync(Write("other", "{}"), Ct);

        RolloutTransitionOutcome outcome = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start", FlagAt(flag, """{"stage":2}""", validatedAt)), Ct);

        outcome.Status.ShouldBe(RolloutTransitionStatus.ConfigurationChanged);
        (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldBeNull();
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull().Document.ShouldBe("""{"stage":1}""");
        (await config.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct)).ShouldAllBe(e => !e.Action.StartsWith("rollout.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransitionRolloutAsync_of_two_concurrent_moves_from_one_version_exactly_one_commits()
    {
        var (rollouts, _, flag) = await ReadyRolloutStoreAsync();
        RolloutState started = (await rollouts.TransitionRolloutAsync(new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start"), Ct)).State!;

        RolloutTransitionOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            rollouts.TransitionRolloutAsync(new RolloutTransition(started with { StageIndex = i }, "rollout.advance", "rollout-engine", "advance " + i), Ct)));

        outcomes.Count(o => o.Status == RolloutTransitionStatus.Committed).ShouldBe(1);
        RolloutState final = (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldNotBeNull();
        final.Version.ShouldBe(2);
        final.StageIndex.ShouldBe(outcomes.Single(o => o.Status == RolloutTransitionStatus.Committed).State!.StageIndex);
        _ = flag;
    }

    [Fact]
    public async Task TransitionRolloutAsync_without_a_flag_write_audits_the_move_with_no_documents()
    {
        var (rollouts, config, flag) = await ReadyRolloutStoreAsync();
        RolloutState started = (await rollouts.TransitionRolloutAsync(new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start"), Ct)).State!;
        long revision = await config.GetRevisionAsync(Ct);

        RolloutTransitionOutcome paused = await rollouts.TransitionRolloutAsync(
            new RolloutTransition(started with { Status = RolloutStatus.Paused, LastMove = "pause", LastReason = "Checkout errors up" }, "rollout.pause", "Ada", "Checkout errors up"), Ct);

        paused.Status.ShouldBe(RolloutTransitionStatus.Committed);
        paused.Revision.ShouldBe(revision + 1);
        (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldNotBeNull().Status.ShouldBe(RolloutStatus.Paused);
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull().Version.ShouldBe(flag.Version);
        AuditEntry entry = (await config.QueryAuditAsync(new AuditQuery(Key: "checkout", Limit: 1), Ct)).Single();
        (entry.Action, entry.Actor, entry.Reason, entry.Before, entry.After, entry.Environment).ShouldBe(("rollout.pause", "Ada", "Checkout errors up", (string?)null, (string?)null, (string?)"production"));
    }

    [Fact]
    public async Task RecordLookAsync_keeps_the_decision_without_audit_or_revision_and_refuses_a_stale_version()
    {
        var (rollouts, config, _) = await ReadyRolloutStoreAsync();
        RolloutState started = (await rollouts.TransitionRolloutAsync(new RolloutTransition(NewRollout(), "rollout.start", "rollout-engine", "start"), Ct)).State!;
        long revision = await config.GetRevisionAsync(Ct);

        RolloutState? looked = await rollouts.RecordLookAsync(
            started with { LastMove = "stay", LastReason = "412 of 1000 units", LastReadings = """{"srm":0.4}""", LookedAt = s_t0.AddHours(1) }, Ct);
        RolloutState? stale = await rollouts.RecordLookAsync(started with { LastMove = "stale" }, Ct);

        looked.ShouldNotBeNull().Version.ShouldBe(started.Version + 1);
        stale.ShouldBeNull();
        RolloutState stored = (await rollouts.GetRolloutAsync(s_rollout, Ct)).ShouldNotBeNull();
        (stored.LastMove, stored.LastReason, stored.LastReadings, stored.LookedAt).ShouldBe(("stay", "412 of 1000 units", """{"srm":0.4}""", (DateTimeOffset?)s_t0.AddHours(1)));
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision);
    }

    [Fact]
    public async Task ListRolloutsAsync_orders_by_environment_flag_and_rule()
    {
        var (rollouts, _, _) = await ReadyRolloutStoreAsync();
        foreach (RolloutKey key in new RolloutKey[] { new("production", "b", "r"), new("development", "z", "r"), new("production", "a", "r2"), new("production", "a", "r1") })
        {
            await rollouts.TransitionRolloutAsync(new RolloutTransition(NewRollout() with { Key = key }, "rollout.start", "rollout-engine", "start"), Ct);
        }

        (await rollouts.ListRolloutsAsync(Ct)).Select(r => r.Key.ToString()).ShouldBe(["development/z/r", "production/a/r1", "production/a/r2", "production/b/r"]);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_one_holder_until_it_expires_or_is_released()
    {
        var clock = new FakeTimeProvider(s_t0);
        Clock = clock;
        var (rollouts, _, _) = await ReadyRolloutStoreAsync();
        DateTimeOffset now = s_t0;

        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "a", now, now.AddMinutes(3), Ct)).ShouldBeTrue();
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "b", now.AddMinutes(1), now.AddMinutes(4), Ct)).ShouldBeFalse();
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "a", now.AddMinutes(2), now.AddMinutes(5), Ct)).ShouldBeTrue();
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "b", now.AddMinutes(4), now.AddMinutes(7), Ct)).ShouldBeFalse();
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "b", now.AddMinutes(5), now.AddMinutes(8), Ct)).ShouldBeTrue();
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "a", now.AddMinutes(6), now.AddMinutes(9), Ct)).ShouldBeFalse();

        await rollouts.ReleaseLeaseAsync("rollout-engine", "a", Ct); // not the holder: nothing changes
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "a", now.AddMinutes(6), now.AddMinutes(9), Ct)).ShouldBeFalse();
        await rollouts.ReleaseLeaseAsync("rollout-engine", "b", Ct);
        (await rollouts.TryAcquireLeaseAsync("rollout-engine", "a", now.AddMinutes(6), now.AddMinutes(9), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_of_concurrent_candidates_for_a_free_lease_exactly_one_wins()
    {
        var (rollouts, _, _) = await ReadyRolloutStoreAsync();

        bool[] won = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            rollouts.TryAcquireLeaseAsync("rollout-engine", "replica-" + i, s_t0, s_t0.AddMinutes(3), Ct)));

        won.Count(w => w).ShouldBe(1);
    }
}
