using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Environments and their approval policy.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task ListEnvironmentsAsync_new_store_lists_the_standard_three_in_order_without_approval()
    {
        IConfigStore store = await ReadyStoreAsync();

        IReadOnlyList<EnvironmentRecord> environments = await store.ListEnvironmentsAsync(Ct);

        environments.ShouldBe(
        [
            new EnvironmentRecord("development", "Development", 1, false),
            new EnvironmentRecord("staging", "Staging", 2, false),
            new EnvironmentRecord("production", "Production", 3, false),
        ]);
    }

    [Fact]
    public async Task CreateEnvironmentAsync_appends_at_the_end_audits_and_advances_the_revision()
    {
        IConfigStore store = await ReadyStoreAsync();

        bool created = await store.CreateEnvironmentAsync("qa", "Quality", "ada", Ct);

        created.ShouldBeTrue();
        (await store.ListEnvironmentsAsync(Ct))[^1].ShouldBe(new EnvironmentRecord("qa", "Quality", 4, false));
        (await store.ListEnvironmentKeysAsync(Ct)).ShouldBe(["development", "staging", "production", "qa"]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
        AuditEntry audit = (await store.QueryAuditAsync(new AuditQuery(Kind: "environment"), Ct)).Single();
        (audit.Action, audit.Key, audit.Actor, audit.Revision).ShouldBe(("environment.create", "qa", "ada", 1L));
        audit.Before.ShouldBeNull();
        audit.After.ShouldBe("""{"key":"qa","name":"Quality","requiresApproval":false}""");
    }

    [Fact]
    public async Task CreateEnvironmentAsync_existing_key_is_refused_and_changes_nothing()
    {
        IConfigStore store = await ReadyStoreAsync();

        bool created = await store.CreateEnvironmentAsync("production", "Another production", "ada", Ct);

        created.ShouldBeFalse();
        (await store.ListEnvironmentsAsync(Ct)).Select(e => (e.Key, e.Name)).ShouldBe(
            [("development", "Development"), ("staging", "Staging"), ("production", "Production")]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(0);
        (await store.QueryAuditAsync(new AuditQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateEnvironmentAsync_concurrent_creations_take_distinct_positions_after_the_last()
    {
        IConfigStore store = await ReadyStoreAsync();

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            CreateStore().CreateEnvironmentAsync("env-" + i, "Env " + i, "ada", Ct)));

        created.ShouldAllBe(c => c);
        IReadOnlyList<EnvironmentRecord> environments = await store.ListEnvironmentsAsync(Ct);
        environments.Select(e => e.Position).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        environments.Skip(3).Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["env-0", "env-1", "env-2", "env-3"]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(4);
    }

    [Fact]
    public async Task CreateEnvironmentAsync_concurrent_creations_of_one_key_create_it_once()
    {
        IConfigStore store = await ReadyStoreAsync();

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            CreateStore().CreateEnvironmentAsync("qa", "Quality " + i, "ada", Ct)));

        created.Count(c => c).ShouldBe(1);
        (await store.ListEnvironmentsAsync(Ct)).Select(e => e.Key).ShouldBe(["development", "staging", "production", "qa"]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
        (await store.QueryAuditAsync(new AuditQuery(Kind: "environment"), Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task SetEnvironmentApprovalAsync_changes_the_policy_and_audits_before_and_after()
    {
        IConfigStore store = await ReadyStoreAsync();

        bool set = await store.SetEnvironmentApprovalAsync("production", true, "ada", Ct);

        set.ShouldBeTrue();
        (await store.ListEnvironmentsAsync(Ct)).Select(e => e.RequiresApproval).ShouldBe([false, false, true]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
        AuditEntry audit = (await store.QueryAuditAsync(new AuditQuery(Kind: "environment"), Ct)).Single();
        (audit.Action, audit.Key, audit.Environment, audit.Actor).ShouldBe(("environment.approval", "production", "production", "ada"));
        audit.Before.ShouldBe("""{"requiresApproval":false}""");
        audit.After.ShouldBe("""{"requiresApproval":true}""");

        (await store.SetEnvironmentApprovalAsync("production", false, "bob", Ct)).ShouldBeTrue();

        (await store.ListEnvironmentsAsync(Ct)).Select(e => e.RequiresApproval).ShouldBe([false, false, false]);
        AuditEntry back = (await store.QueryAuditAsync(new AuditQuery(Kind: "environment"), Ct))[0];
        (back.Before, back.After, back.Actor).ShouldBe(("""{"requiresApproval":true}""", """{"requiresApproval":false}""", "bob"));
    }

    [Fact]
    public async Task SetEnvironmentApprovalAsync_unchanged_value_writes_no_audit_and_keeps_the_revision()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.SetEnvironmentApprovalAsync("staging", true, "ada", Ct);

        bool again = await store.SetEnvironmentApprovalAsync("staging", true, "ada", Ct);
        bool unchanged = await store.SetEnvironmentApprovalAsync("production", false, "ada", Ct);

        again.ShouldBeTrue();
        unchanged.ShouldBeTrue();
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
        (await store.QueryAuditAsync(new AuditQuery(Kind: "environment"), Ct)).Count.ShouldBe(1);
        (await store.ListEnvironmentsAsync(Ct)).Select(e => e.RequiresApproval).ShouldBe([false, true, false]);
    }

    [Fact]
    public async Task SetEnvironmentApprovalAsync_missing_environment_is_false_and_changes_nothing()
    {
        IConfigStore store = await ReadyStoreAsync();

        (await store.SetEnvironmentApprovalAsync("nowhere", true, "ada", Ct)).ShouldBeFalse();

        (await store.GetRevisionAsync(Ct)).ShouldBe(0);
        (await store.QueryAuditAsync(new AuditQuery(), Ct)).ShouldBeEmpty();
    }
}
