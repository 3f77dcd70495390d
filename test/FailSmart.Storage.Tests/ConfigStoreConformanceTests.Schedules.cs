using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Scheduled changes: compare-and-set status changes, and applying in the same transaction as the write.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static readonly DateTimeOffset s_due = DateTimeOffset.Parse("2026-05-01T09:00:00Z", CultureInfo.InvariantCulture);

    private static NewScheduledChange Toggle(string key, long? baseVersion = 1, DateTimeOffset? due = null) =>
        new(due ?? s_due, ResourceKind.Flag, key, "production", "toggle", true, null, ["web"], baseVersion, "Ada", "account:ada", "launch");

    private async Task<(IConfigStore Config, IScheduleStore Schedules)> ReadyScheduleStoreAsync()
    {
        IConfigStore store = await ReadyStoreAsync();
        return (store, (IScheduleStore)store);
    }

    [Fact]
    public async Task CreateScheduleAsync_stores_a_pending_change_audits_it_and_lists_it_when_due()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        (IConfigStore config, IScheduleStore schedules) = await ReadyScheduleStoreAsync();

        ScheduledChange created = await schedules.CreateScheduleAsync(Toggle("checkout"), Ct);
        ScheduledChange later = await schedules.CreateScheduleAsync(Toggle("later", due: s_due.AddHours(1)), Ct);

        created.Status.ShouldBe(ScheduleStatus.Pending);
        created.CreatedAt.ShouldBe(clock.GetUtcNow());
        (created.Change with { Tags = [] }).ShouldBe(Toggle("checkout") with { Tags = [] });
        created.Change.Tags.ShouldBe(["web"]);
        (await schedules.GetScheduleAsync(created.Id, Ct)).ShouldNotBeNull().Change.Enabled.ShouldBe(true);
        (await schedules.ListDueSchedulesAsync(s_due.AddSeconds(-1), 10, Ct)).ShouldBeEmpty();
        (await schedules.ListDueSchedulesAsync(s_due, 10, Ct)).Select(s => s.Id).ShouldBe([created.Id]);
        (await schedules.ListDueSchedulesAsync(s_due.AddDays(1), 10, Ct)).Select(s => s.Id).ShouldBe([created.Id, later.Id]);
        (await schedules.ListSchedulesAsync(new ScheduleQuery(), Ct)).Select(s => s.Id).ShouldBe([later.Id, created.Id]);
        (await schedules.ListSchedulesAsync(new ScheduleQuery(Key: "later"), Ct)).Select(s => s.Id).ShouldBe([later.Id]);
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(), Ct))[^1];
        (audit.Action, audit.Kind, audit.Key, audit.Environment, audit.Actor, audit.Reason).ShouldBe(("schedule.create", "flag", "checkout", "production", "Ada", "launch"));
        audit.After!.ShouldContain($"\"schedule\":{created.Id}");
        (await config.GetRevisionAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task ApplyScheduleAsync_writes_the_resource_marks_the_change_applied_and_audits_both_exactly_once()
    {
        (IConfigStore config, IScheduleStore schedules) = await ReadyScheduleStoreAsync();
        await config.CreateAsync(Write("checkout", """{"on":false}"""), Ct);
        ScheduledChange schedule = await schedules.CreateScheduleAsync(Toggle("checkout"), Ct);
        var write = new ResourceWrite(ResourceKind.Flag, "checkout", """{"on":true}""", ["web"], 1, "Ada", "launch", "production");

        WriteOutcome? first = await schedules.ApplyScheduleAsync(schedule.Id, write, "toggle", Ct);
        WriteOutcome? second = await schedules.ApplyScheduleAsync(schedule.Id, write, "toggle", Ct);

        first.ShouldNotBeNull().Status.ShouldBe(WriteStatus.Committed);
        second.ShouldBeNull();
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Version.ShouldBe(2);
        ScheduledChange applied = (await schedules.GetScheduleAsync(schedule.Id, Ct))!;
        (applied.Status, applied.AppliedRevision, applied.FinishedBy).ShouldBe((ScheduleStatus.Applied, (long?)first.Revision, "Ada"));
        string[] actions = [.. (await config.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct)).Select(a => a.Action)];
        actions.ShouldBe(["schedule.apply", "toggle", "schedule.create", "create"]);
        (await schedules.CancelScheduleAsync(schedule.Id, "Bob", null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ApplyScheduleAsync_on_a_resource_changed_since_writes_nothing_and_leaves_the_change_pending()
    {
        (IConfigStore config, IScheduleStore schedules) = await ReadyScheduleStoreAsync();
        await config.CreateAsync(Write("checkout", """{"on":false}"""), Ct);
        ScheduledChange schedule = await schedules.CreateScheduleAsync(Toggle("checkout"), Ct);
        await config.UpdateAsync(Write("checkout", """{"on":false,"other":1}"""), cancellationToken: Ct);
        long revision = await config.GetRevisionAsync(Ct);

        WriteOutcome? outcome = await schedules.ApplyScheduleAsync(
            schedule.Id, new ResourceWrite(ResourceKind.Flag, "checkout", """{"on":true}""", [], 1, "Ada"), "toggle", Ct);

        outcome.ShouldNotBeNull().Status.ShouldBe(WriteStatus.VersionConflict);
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Document.ShouldBe("""{"on":false,"other":1}""");
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await schedules.GetScheduleAsync(schedule.Id, Ct))!.Status.ShouldBe(ScheduleStatus.Pending);

        ScheduledChange failed = (await schedules.FailScheduleAsync(schedule.Id, "changed since", Ct)).ShouldNotBeNull();
        (failed.Status, failed.Message).ShouldBe((ScheduleStatus.Failed, "changed since"));
        (await schedules.FailScheduleAsync(schedule.Id, "again", Ct)).ShouldBeNull();
        (await config.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct))[0].Action.ShouldBe("schedule.fail");
    }

    [Fact]
    public async Task CancelScheduleAsync_and_RequestScheduleApprovalAsync_are_compare_and_set_from_pending()
    {
        (IConfigStore config, IScheduleStore schedules) = await ReadyScheduleStoreAsync();
        ScheduledChange cancelled = await schedules.CreateScheduleAsync(Toggle("a"), Ct);
        ScheduledChange requested = await schedules.CreateScheduleAsync(Toggle("b"), Ct);

        ScheduledChange? done = await schedules.CancelScheduleAsync(cancelled.Id, "Bob", "moved", Ct);
        ChangeRequest? request = await schedules.RequestScheduleApprovalAsync(
            requested.Id, new NewChangeRequest(ResourceKind.Flag, "b", "production", "toggle", 1, "{}", [], "Ada", "account:ada", "launch"), Ct);

        (done.ShouldNotBeNull().Status, done.Message, done.FinishedBy).ShouldBe((ScheduleStatus.Cancelled, "moved", "Bob"));
        (await schedules.CancelScheduleAsync(cancelled.Id, "Bob", null, Ct)).ShouldBeNull();
        request.ShouldNotBeNull().Status.ShouldBe(ChangeRequestStatus.Pending);
        ScheduledChange waiting = (await schedules.GetScheduleAsync(requested.Id, Ct))!;
        (waiting.Status, waiting.ChangeRequestId).ShouldBe((ScheduleStatus.WaitingForApproval, (long?)request.Id));
        (await schedules.RequestScheduleApprovalAsync(requested.Id, new NewChangeRequest(ResourceKind.Flag, "b", null, "toggle", 1, "{}", [], "Ada", "x", null), Ct)).ShouldBeNull();
        (await ((IChangeRequestStore)config).ListChangeRequestsAsync(new ChangeRequestQuery(), Ct)).Count.ShouldBe(1);
        (await schedules.ListDueSchedulesAsync(s_due.AddDays(1), 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryAuditAsync_after_an_id_reads_oldest_first()
    {
        IConfigStore store = await ReadyStoreAsync();
        for (int i = 0; i < 4; i++)
        {
            await store.CreateAsync(Write($"f{i}", "{}"), Ct);
        }

        IReadOnlyList<AuditEntry> all = await store.QueryAuditAsync(new AuditQuery(), Ct);
        IReadOnlyList<AuditEntry> after = await store.QueryAuditAsync(new AuditQuery(AfterId: all[^1].Id, Limit: 2), Ct);

        after.Select(a => a.Key).ShouldBe(["f1", "f2"]);
    }
}
