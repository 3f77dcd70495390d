using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Archive and unarchive: each a change only when it changes something; updates never unarchive.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task ArchiveAsync_archived_resource_is_unchanged_with_no_version_revision_or_audit()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("gone", "{}"), Ct);
        await store.ArchiveAsync(Write("gone", ""), Ct);

        WriteOutcome again = await store.ArchiveAsync(Write("gone", ""), Ct);

        again.Status.ShouldBe(WriteStatus.Unchanged);
        again.Resource.ShouldNotBeNull().Version.ShouldBe(2);
        (await store.GetAsync(ResourceKind.Flag, "gone", Ct))!.Version.ShouldBe(2);
        (await store.GetRevisionAsync(Ct)).ShouldBe(2);
        (await store.QueryAuditAsync(new AuditQuery(Key: "gone"), Ct)).Select(a => a.Action).ShouldBe(["archive", "create"]);
    }

    [Fact]
    public async Task UpdateAsync_archived_resource_is_refused_and_stays_archived()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("gone", """{"v":1}"""), Ct);
        await store.ArchiveAsync(Write("gone", ""), Ct);

        WriteOutcome update = await store.UpdateAsync(Write("gone", """{"v":2}"""), cancellationToken: Ct);

        update.Status.ShouldBe(WriteStatus.Archived);
        StoredResource stored = (await store.GetAsync(ResourceKind.Flag, "gone", Ct))!;
        stored.Archived.ShouldBeTrue();
        stored.Document.ShouldBe("""{"v":1}""");
        stored.Version.ShouldBe(2);
        (await store.GetRevisionAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task UnarchiveAsync_restores_document_and_tags_with_a_new_version_and_an_audit_entry()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("back", """{"v":1}""", tags: ["web"]), Ct);
        await store.ArchiveAsync(Write("back", ""), Ct);

        WriteOutcome outcome = await store.UnarchiveAsync(Write("back", "", expected: 2, reason: "needed again"), Ct);

        outcome.Status.ShouldBe(WriteStatus.Committed);
        StoredResource stored = (await store.GetAsync(ResourceKind.Flag, "back", Ct))!;
        stored.Archived.ShouldBeFalse();
        stored.Version.ShouldBe(3);
        stored.Document.ShouldBe("""{"v":1}""");
        stored.Tags.ShouldBe(["web"]);
        AuditEntry audit = (await store.QueryAuditAsync(new AuditQuery(Key: "back"), Ct))[0];
        audit.Action.ShouldBe("unarchive");
        audit.After.ShouldBe("""{"v":1}""");
        audit.Reason.ShouldBe("needed again");
        (await store.SnapshotAsync(Ct)).Resources.Select(r => r.Key).ShouldBe(["back"]);
    }

    [Fact]
    public async Task UnarchiveAsync_resource_that_is_not_archived_is_unchanged()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("live", "{}"), Ct);

        WriteOutcome outcome = await store.UnarchiveAsync(Write("live", ""), Ct);

        outcome.Status.ShouldBe(WriteStatus.Unchanged);
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task UnarchiveAsync_stale_version_is_a_conflict()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("back", "{}"), Ct);
        await store.ArchiveAsync(Write("back", ""), Ct);

        WriteOutcome outcome = await store.UnarchiveAsync(Write("back", "", expected: 1), Ct);

        outcome.Status.ShouldBe(WriteStatus.VersionConflict);
        (await store.GetAsync(ResourceKind.Flag, "back", Ct))!.Archived.ShouldBeTrue();
    }
}
