using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Change requests: proposals, their compare-and-set decisions, and what the audit log keeps of them.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static NewChangeRequest Proposal(string key, string action = "toggle", string? environment = "production", string? document = """{"on":true}""", long? baseVersion = 1) =>
        new(ResourceKind.Flag, key, environment, action, baseVersion, document, ["team-a", "web"], "Ada", "account-ada", "ramp to 5%");

    private async Task<IChangeRequestStore> ReadyRequestStoreAsync() => (IChangeRequestStore)await ReadyStoreAsync();

    [Fact]
    public async Task CreateChangeRequestAsync_stores_a_pending_request_audits_it_and_advances_the_revision()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00.25Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        var config = (IConfigStore)store;

        ChangeRequest created = await store.CreateChangeRequestAsync(Proposal("checkout"), Ct);

        created.ShouldBe(created with
        {
            Kind = ResourceKind.Flag,
            Key = "checkout",
            Environment = "production",
            Action = "toggle",
            BaseVersion = 1,
            Document = """{"on":true}""",
            Author = "Ada",
            AuthorId = "account-ada",
            Reason = "ramp to 5%",
            Status = ChangeRequestStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
            DecidedBy = null,
            DecidedAt = null,
            DecisionNote = null,
            AppliedRevision = null,
        });
        created.Tags.ShouldBe(["team-a", "web"]);
        ChangeRequest read = (await store.GetChangeRequestAsync(created.Id, Ct)).ShouldNotBeNull();
        read.ShouldBe(created with { Tags = read.Tags });
        read.Tags.ShouldBe(["team-a", "web"]);
        (await config.GetRevisionAsync(Ct)).ShouldBe(1);
        (await config.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldBeNull();
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(), Ct)).Single();
        (audit.Kind, audit.Key, audit.Environment, audit.Action, audit.Actor, audit.Reason).ShouldBe(("flag", "checkout", "production", "request", "Ada", "ramp to 5%"));
        audit.Before.ShouldBeNull();
        audit.After.ShouldBe("""{"on":true}""");
        audit.Revision.ShouldBe(1);
    }

    [Fact]
    public async Task CreateChangeRequestAsync_without_document_base_version_or_environment_reads_back_as_null()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();

        ChangeRequest created = await store.CreateChangeRequestAsync(
            Proposal("retired", action: "archive", environment: null, document: null, baseVersion: null) with { Tags = [], Reason = null }, Ct);

        ChangeRequest read = (await store.GetChangeRequestAsync(created.Id, Ct)).ShouldNotBeNull();
        (read.Action, read.Environment, read.Document, read.BaseVersion, read.Reason).ShouldBe(("archive", (string?)null, (string?)null, (long?)null, (string?)null));
        read.Tags.ShouldBeEmpty();
        (await store.GetChangeRequestAsync(created.Id + 1000, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListChangeRequestsAsync_filters_by_status_kind_and_key_newest_first_and_pages_before_an_id()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        ChangeRequest a = await store.CreateChangeRequestAsync(Proposal("alpha"), Ct);
        ChangeRequest b = await store.CreateChangeRequestAsync(Proposal("beta"), Ct);
        ChangeRequest c = await store.CreateChangeRequestAsync(Proposal("alpha") with { Kind = ResourceKind.Segment }, Ct);
        ChangeRequest d = await store.CreateChangeRequestAsync(Proposal("alpha"), Ct);
        await store.TransitionChangeRequestAsync(b.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Rejected, "bob", null, null, Ct);

        async Task<long[]> Ids(ChangeRequestQuery query) => [.. (await store.ListChangeRequestsAsync(query, Ct)).Select(r => r.Id)];

        (await Ids(new ChangeRequestQuery())).ShouldBe([d.Id, c.Id, b.Id, a.Id]);
        (await Ids(new ChangeRequestQuery(Status: ChangeRequestStatus.Pending))).ShouldBe([d.Id, c.Id, a.Id]);
        (await Ids(new ChangeRequestQuery(Status: ChangeRequestStatus.Rejected))).ShouldBe([b.Id]);
        (await Ids(new ChangeRequestQuery(Kind: ResourceKind.Flag, Key: "alpha"))).ShouldBe([d.Id, a.Id]);
        (await Ids(new ChangeRequestQuery(Kind: ResourceKind.Segment))).ShouldBe([c.Id]);
        (await Ids(new ChangeRequestQuery(Limit: 2))).ShouldBe([d.Id, c.Id]);
        (await Ids(new ChangeRequestQuery(BeforeId: c.Id, Limit: 2))).ShouldBe([b.Id, a.Id]);
        (await Ids(new ChangeRequestQuery(Status: ChangeRequestStatus.Applied))).ShouldBeEmpty();
    }

    [Fact]
    public async Task TransitionChangeRequestAsync_approve_then_apply_records_the_decision_and_revision_without_auditing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        var config = (IConfigStore)store;
        ChangeRequest created = await store.CreateChangeRequestAsync(Proposal("checkout"), Ct);
        clock.Advance(TimeSpan.FromMinutes(5));

        ChangeRequest approved = (await store.TransitionChangeRequestAsync(
            created.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Approved, "Bob", "looks right", null, Ct)).ShouldNotBeNull();

        (approved.Status, approved.DecidedBy, approved.DecidedAt, approved.DecisionNote, approved.AppliedRevision)
            .ShouldBe((ChangeRequestStatus.Approved, "Bob", clock.GetUtcNow(), "looks right", (long?)null));
        (await config.GetRevisionAsync(Ct)).ShouldBe(2);

        clock.Advance(TimeSpan.FromMinutes(1));
        ChangeRequest applied = (await store.TransitionChangeRequestAsync(
            created.Id, ChangeRequestStatus.Approved, ChangeRequestStatus.Applied, "system", null, 42, Ct)).ShouldNotBeNull();

        (applied.Status, applied.AppliedRevision).ShouldBe((ChangeRequestStatus.Applied, 42L));
        // Only leaving Pending is a decision: applying keeps who approved it, when, and what they said.
        (applied.DecidedBy, applied.DecidedAt, applied.DecisionNote).ShouldBe(("Bob", approved.DecidedAt, "looks right"));
        ChangeRequest stored = (await store.GetChangeRequestAsync(created.Id, Ct)).ShouldNotBeNull();
        stored.ShouldBe(applied with { Tags = stored.Tags });
        (await config.GetRevisionAsync(Ct)).ShouldBe(3);
        (await config.QueryAuditAsync(new AuditQuery(), Ct)).Select(e => e.Action).ShouldBe(["request"]);
    }

    [Fact]
    public async Task TransitionChangeRequestAsync_concurrent_approvals_exactly_one_wins()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        ChangeRequest created = await store.CreateChangeRequestAsync(Proposal("race"), Ct);
        long before = await ((IConfigStore)store).GetRevisionAsync(Ct);

        ChangeRequest?[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            ((IChangeRequestStore)CreateStore()).TransitionChangeRequestAsync(
                created.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Approved, "approver-" + i, null, null, Ct)));

        ChangeRequest winner = outcomes.Where(o => o is not null).ShouldHaveSingleItem()!;
        (await store.GetChangeRequestAsync(created.Id, Ct))!.DecidedBy.ShouldBe(winner.DecidedBy);
        (await ((IConfigStore)store).GetRevisionAsync(Ct)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task TransitionChangeRequestAsync_rejected_request_cannot_be_approved()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        var config = (IConfigStore)store;
        ChangeRequest created = await store.CreateChangeRequestAsync(Proposal("checkout"), Ct);

        ChangeRequest rejected = (await store.TransitionChangeRequestAsync(
            created.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Rejected, "Carol", "too risky before the sale", null, Ct)).ShouldNotBeNull();
        long afterReject = await config.GetRevisionAsync(Ct);

        ChangeRequest? approved = await store.TransitionChangeRequestAsync(
            created.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Approved, "Bob", null, null, Ct);

        approved.ShouldBeNull();
        (rejected.Status, rejected.DecidedBy, rejected.DecisionNote).ShouldBe((ChangeRequestStatus.Rejected, "Carol", "too risky before the sale"));
        ChangeRequest stored = (await store.GetChangeRequestAsync(created.Id, Ct))!;
        (stored.Status, stored.DecidedBy).ShouldBe((ChangeRequestStatus.Rejected, "Carol"));
        (await config.GetRevisionAsync(Ct)).ShouldBe(afterReject);
        IReadOnlyList<AuditEntry> audit = await config.QueryAuditAsync(new AuditQuery(), Ct);
        audit.Select(e => e.Action).ShouldBe(["request.reject", "request"]);
        (audit[0].Kind, audit[0].Key, audit[0].Environment, audit[0].Actor, audit[0].Reason, audit[0].Revision)
            .ShouldBe(("flag", "checkout", "production", "Carol", "too risky before the sale", afterReject));
    }

    [Fact]
    public async Task TransitionChangeRequestAsync_withdraw_and_conflict_are_audited()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();
        var config = (IConfigStore)store;
        ChangeRequest withdrawn = await store.CreateChangeRequestAsync(Proposal("first"), Ct);
        ChangeRequest conflicting = await store.CreateChangeRequestAsync(Proposal("second", environment: "staging"), Ct);

        (await store.TransitionChangeRequestAsync(withdrawn.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Withdrawn, "Ada", "not needed", null, Ct))
            .ShouldNotBeNull().Status.ShouldBe(ChangeRequestStatus.Withdrawn);
        await store.TransitionChangeRequestAsync(conflicting.Id, ChangeRequestStatus.Pending, ChangeRequestStatus.Approved, "Bob", null, null, Ct);
        ChangeRequest conflict = (await store.TransitionChangeRequestAsync(
            conflicting.Id, ChangeRequestStatus.Approved, ChangeRequestStatus.Conflict, "Bob", "flag changed since version 1", null, Ct)).ShouldNotBeNull();

        (conflict.Status, conflict.DecidedBy).ShouldBe((ChangeRequestStatus.Conflict, "Bob"));
        (await config.GetRevisionAsync(Ct)).ShouldBe(5);
        IReadOnlyList<AuditEntry> audit = await config.QueryAuditAsync(new AuditQuery(), Ct);
        audit.Select(e => (e.Action, e.Key, e.Environment, e.Actor, e.Reason)).ShouldBe(
        [
            ("request.conflict", "second", "staging", "Bob", "flag changed since version 1"),
            ("request.withdraw", "first", "production", "Ada", "not needed"),
            ("request", "second", "staging", "Ada", "ramp to 5%"),
            ("request", "first", "production", "Ada", "ramp to 5%"),
        ]);
    }

    [Fact]
    public async Task TransitionChangeRequestAsync_missing_request_is_null_and_changes_nothing()
    {
        IChangeRequestStore store = await ReadyRequestStoreAsync();

        (await store.TransitionChangeRequestAsync(404, ChangeRequestStatus.Pending, ChangeRequestStatus.Rejected, "Bob", null, null, Ct)).ShouldBeNull();

        (await ((IConfigStore)store).GetRevisionAsync(Ct)).ShouldBe(0);
        (await ((IConfigStore)store).QueryAuditAsync(new AuditQuery(), Ct)).ShouldBeEmpty();
    }
}
