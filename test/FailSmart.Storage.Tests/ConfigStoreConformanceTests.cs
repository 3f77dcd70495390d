using System.Data.Common;
using FailSmart.Storage.Config;
using FailSmart.Storage.Migrations;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// What every configuration store must do. Each adapter subclasses this and supplies its store, so
/// SQLite and PostgreSQL are held to the same behaviour.
/// </summary>
public abstract partial class ConfigStoreConformanceTests : IAsyncLifetime
{
    protected TemporaryFolder Folder { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The clock the stores take time from; a test that needs exact times sets a fake one first.</summary>
    protected TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>A store over this test's data: every call returns a store over the same data.</summary>
    protected abstract IConfigStore CreateStore();

    /// <summary>The adapter's released schema steps, so a test can build a database at an older version.</summary>
    protected abstract IReadOnlyList<Migration> ReleasedMigrations { get; }

    /// <summary>A plain connection to this test's database, for building it at an older schema version.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<IConfigStore> ReadyStoreAsync()
    {
        IConfigStore store = CreateStore();
        await store.InitializeAsync(Ct);
        return store;
    }

    private static ResourceWrite Write(string key, string document, long? expected = null, string[]? tags = null, string? reason = null) =>
        new(ResourceKind.Flag, key, document, tags ?? [], expected, "tester", reason);

    [Fact]
    public async Task InitializeAsync_new_store_creates_the_three_standard_environments()
    {
        IConfigStore store = CreateStore();

        int version = await store.InitializeAsync(Ct);

        version.ShouldBeGreaterThanOrEqualTo(3);
        (await store.ListEnvironmentKeysAsync(Ct)).ShouldBe(["development", "staging", "production"]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task InitializeAsync_again_on_the_same_data_keeps_it()
    {
        IConfigStore first = await ReadyStoreAsync();
        await first.CreateAsync(Write("kept", "{}"), Ct);

        IConfigStore again = CreateStore();
        await again.InitializeAsync(Ct);

        (await again.ListEnvironmentKeysAsync(Ct)).Count.ShouldBe(3);
        (await again.GetAsync(ResourceKind.Flag, "kept", Ct)).ShouldNotBeNull().Version.ShouldBe(1);
    }

    [Fact]
    public async Task CheckHealthAsync_initialised_store_is_healthy_at_its_schema_version()
    {
        IConfigStore store = CreateStore();
        int version = await store.InitializeAsync(Ct);

        StoreHealth health = await store.CheckHealthAsync(Ct);

        health.IsHealthy.ShouldBeTrue(health.Detail);
        health.SchemaVersion.ShouldBe(version);
    }

    [Fact]
    public async Task CreateAsync_stores_version_1_and_advances_the_revision()
    {
        IConfigStore store = await ReadyStoreAsync();

        WriteOutcome outcome = await store.CreateAsync(Write("checkout", """{"on":true}""", tags: ["team-a", "web"]), Ct);

        outcome.Status.ShouldBe(WriteStatus.Committed);
        outcome.Revision.ShouldBe(1);
        StoredResource stored = (await store.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull();
        stored.Version.ShouldBe(1);
        stored.Document.ShouldBe("""{"on":true}""");
        stored.Tags.ShouldBe(["team-a", "web"]);
        stored.Archived.ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_existing_key_is_refused_and_changes_nothing()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);

        WriteOutcome outcome = await store.CreateAsync(Write("checkout", "{\"v\":2}"), Ct);

        outcome.Status.ShouldBe(WriteStatus.AlreadyExists);
        (await store.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Document.ShouldBe("{\"v\":1}");
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateAsync_with_the_current_version_commits_the_next_version()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);

        WriteOutcome outcome = await store.UpdateAsync(Write("checkout", "{\"v\":2}", expected: 1), cancellationToken: Ct);

        outcome.Status.ShouldBe(WriteStatus.Committed);
        outcome.Resource!.Version.ShouldBe(2);
        (await store.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Document.ShouldBe("{\"v\":2}");
    }

    [Fact]
    public async Task UpdateAsync_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);
        await store.UpdateAsync(Write("checkout", "{\"v\":2}", expected: 1), cancellationToken: Ct);

        WriteOutcome outcome = await store.UpdateAsync(Write("checkout", "{\"v\":3}", expected: 1), cancellationToken: Ct);

        outcome.Status.ShouldBe(WriteStatus.VersionConflict);
        outcome.Resource!.Version.ShouldBe(2);
        (await store.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Document.ShouldBe("{\"v\":2}");
        (await store.GetRevisionAsync(Ct)).ShouldBe(2);
        (await store.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Writes_validated_at_an_older_revision_are_refused_and_change_nothing()
    {
        IConfigStore store = await ReadyStoreAsync();
        long validatedAt = await store.GetRevisionAsync(Ct);
        await store.CreateAsync(Write("other", "{}"), Ct);
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);
        long before = await store.GetRevisionAsync(Ct);

        WriteOutcome created = await store.CreateAsync(Write("late", "{}") with { ValidatedAtRevision = validatedAt }, Ct);
        WriteOutcome updated = await store.UpdateAsync(Write("checkout", "{\"v\":2}", expected: 1) with { ValidatedAtRevision = validatedAt }, cancellationToken: Ct);
        WriteOutcome archived = await store.ArchiveAsync(Write("checkout", "", expected: 1) with { ValidatedAtRevision = validatedAt }, Ct);

        created.Status.ShouldBe(WriteStatus.ConfigurationChanged);
        updated.Status.ShouldBe(WriteStatus.ConfigurationChanged);
        archived.Status.ShouldBe(WriteStatus.ConfigurationChanged);
        (await store.GetAsync(ResourceKind.Flag, "late", Ct)).ShouldBeNull();
        StoredResource checkout = (await store.GetAsync(ResourceKind.Flag, "checkout", Ct))!;
        (checkout.Document, checkout.Version, checkout.Archived).ShouldBe(("{\"v\":1}", 1L, false));
        (await store.GetRevisionAsync(Ct)).ShouldBe(before);
        (await store.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Writes_validated_at_the_current_revision_commit()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);
        long current = await store.GetRevisionAsync(Ct);

        WriteOutcome updated = await store.UpdateAsync(Write("checkout", "{\"v\":2}", expected: 1) with { ValidatedAtRevision = current }, cancellationToken: Ct);

        updated.Status.ShouldBe(WriteStatus.Committed);
        updated.Revision.ShouldBe(current + 1);
        (await store.GetAsync(ResourceKind.Flag, "checkout", Ct))!.Document.ShouldBe("{\"v\":2}");
    }

    [Fact]
    public async Task UpdateAsync_missing_resource_is_not_found()
    {
        IConfigStore store = await ReadyStoreAsync();

        (await store.UpdateAsync(Write("ghost", "{}"), cancellationToken: Ct)).Status.ShouldBe(WriteStatus.NotFound);
        (await store.GetRevisionAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task ArchiveAsync_hides_the_resource_from_lists_and_snapshots_but_keeps_it_readable()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("old", "{}"), Ct);
        await store.CreateAsync(Write("new", "{}"), Ct);

        WriteOutcome outcome = await store.ArchiveAsync(Write("old", "", expected: 1), Ct);

        outcome.Status.ShouldBe(WriteStatus.Committed);
        (await store.GetAsync(ResourceKind.Flag, "old", Ct))!.Archived.ShouldBeTrue();
        (await store.ListAsync(new ResourceQuery(ResourceKind.Flag), Ct)).Items.Select(r => r.Key).ShouldBe(["new"]);
        (await store.ListAsync(new ResourceQuery(ResourceKind.Flag, IncludeArchived: true), Ct)).Total.ShouldBe(2);
        var (resources, revision) = await store.SnapshotAsync(Ct);
        resources.Select(r => r.Key).ShouldBe(["new"]);
        revision.ShouldBe(3);
    }

    [Fact]
    public async Task ListAsync_filters_by_tag_and_text_and_pages_by_key()
    {
        IConfigStore store = await ReadyStoreAsync();
        foreach (string key in new[] { "a-search", "b-checkout", "c-search", "d-search" })
        {
            await store.CreateAsync(Write(key, $$"""{"description":"{{(key.EndsWith("checkout", StringComparison.Ordinal) ? "Pay" : "Find")}}"}""", tags: key.StartsWith('a') ? ["beta"] : []), Ct);
        }

        (await store.ListAsync(new ResourceQuery(ResourceKind.Flag, Tag: "beta"), Ct)).Items.Select(r => r.Key).ShouldBe(["a-search"]);
        (await store.ListAsync(new ResourceQuery(ResourceKind.Flag, Text: "PAY"), Ct)).Items.Select(r => r.Key).ShouldBe(["b-checkout"]);
        ResourcePage page = await store.ListAsync(new ResourceQuery(ResourceKind.Flag, Text: "search", Offset: 1, Limit: 1), Ct);
        page.Total.ShouldBe(3);
        page.Items.Select(r => r.Key).ShouldBe(["c-search"]);
        (await store.ListAsync(new ResourceQuery(ResourceKind.Segment), Ct)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task QueryAuditAsync_records_who_what_before_after_and_why_newest_first()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{\"v\":1}"), Ct);
        await store.UpdateAsync(Write("checkout", "{\"v\":2}", reason: "ramp to 5%") with { Environment = "production" }, "toggle", Ct);

        IReadOnlyList<AuditEntry> entries = await store.QueryAuditAsync(new AuditQuery(Kind: "flag", Key: "checkout"), Ct);

        entries.Count.ShouldBe(2);
        entries[0].Action.ShouldBe("toggle");
        entries[0].Actor.ShouldBe("tester");
        entries[0].Before.ShouldBe("{\"v\":1}");
        entries[0].After.ShouldBe("{\"v\":2}");
        entries[0].Reason.ShouldBe("ramp to 5%");
        entries[0].Environment.ShouldBe("production");
        entries[0].Revision.ShouldBe(2);
        entries[1].Action.ShouldBe("create");
        entries[1].Before.ShouldBeNull();
        (await store.QueryAuditAsync(new AuditQuery(BeforeId: entries[0].Id), Ct)).Single().Action.ShouldBe("create");
    }
}
