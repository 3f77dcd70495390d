using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Editors limited to environments, access changes, and keys that bypass approval.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task Accounts_keep_the_environments_an_editor_may_change_through_create_read_and_update()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);

        await store.CreateAccountAsync(Account("u2", "bob@example.com", AccountRole.Editor) with { Environments = ["staging"] }, "ada@example.com", Ct);

        (await store.GetAccountAsync("u2", Ct))!.Environments.ShouldBe(["staging"]);
        (await store.FindAccountByUserNameAsync("bob@example.com", Ct))!.Environments.ShouldBe(["staging"]);
        (await store.ListAccountsAsync(Ct)).Select(a => a.Environments?.Count).ShouldBe([null, 1]);
        (await store.GetAccountAsync("u1", Ct))!.Environments.ShouldBeNull();
        string created = (await ((IConfigStore)store).QueryAuditAsync(new AuditQuery(Kind: "user", Key: "u2"), Ct)).Single().After!;
        created.ShouldContain("\"environments\":[\"staging\"]");

        await store.UpdateAccountAsync((await store.GetAccountAsync("u2", Ct))! with { Environments = ["development", "staging"] }, Ct);
        (await store.GetAccountAsync("u2", Ct))!.Environments.ShouldBe(["development", "staging"]);

        await store.UpdateAccountAsync((await store.GetAccountAsync("u2", Ct))! with { Environments = null }, Ct);
        (await store.GetAccountAsync("u2", Ct))!.Environments.ShouldBeNull();
    }

    [Fact]
    public async Task ChangeAccountAccessAsync_sets_role_and_environments_rotates_the_stamp_and_audits()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        var config = (IConfigStore)store;
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);
        await store.CreateAccountAsync(Account("u2", "bob@example.com"), "ada@example.com", Ct);
        long before = await config.GetRevisionAsync(Ct);

        bool changed = await store.ChangeAccountAccessAsync("u2", AccountRole.Editor, ["production"], "ada@example.com", Ct);

        changed.ShouldBeTrue();
        UserAccount bob = (await store.GetAccountAsync("u2", Ct)).ShouldNotBeNull();
        (bob.Role, bob.UserName, bob.PasswordHash).ShouldBe((AccountRole.Editor, "bob@example.com", "hash-u2"));
        bob.Environments.ShouldBe(["production"]);
        bob.SecurityStamp.ShouldNotBe("stamp-u2");
        bob.SecurityStamp.ShouldNotBeNullOrWhiteSpace();
        (await config.GetRevisionAsync(Ct)).ShouldBe(before + 1);
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(Kind: "user", Key: "u2"), Ct))[0];
        (audit.Action, audit.Actor, audit.Revision).ShouldBe(("user.access", "ada@example.com", before + 1));
        audit.Before.ShouldBe("""{"role":"admin","environments":null}""");
        audit.After.ShouldBe("""{"role":"editor","environments":["production"]}""");

        string firstStamp = bob.SecurityStamp;
        (await store.ChangeAccountAccessAsync("u2", AccountRole.Viewer, null, "ada@example.com", Ct)).ShouldBeTrue();

        UserAccount viewer = (await store.GetAccountAsync("u2", Ct))!;
        (viewer.Role, viewer.Environments).ShouldBe((AccountRole.Viewer, (IReadOnlyList<string>?)null));
        viewer.SecurityStamp.ShouldNotBe(firstStamp);
        AuditEntry second = (await config.QueryAuditAsync(new AuditQuery(Kind: "user", Key: "u2"), Ct))[0];
        (second.Before, second.After).ShouldBe(("""{"role":"editor","environments":["production"]}""", """{"role":"viewer","environments":null}"""));
    }

    [Fact]
    public async Task ChangeAccountAccessAsync_missing_account_is_false_and_changes_nothing()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);
        long before = await ((IConfigStore)store).GetRevisionAsync(Ct);

        (await store.ChangeAccountAccessAsync("ghost", AccountRole.Viewer, null, "ada@example.com", Ct)).ShouldBeFalse();

        (await ((IConfigStore)store).GetRevisionAsync(Ct)).ShouldBe(before);
        (await ((IConfigStore)store).QueryAuditAsync(new AuditQuery(Kind: "user"), Ct)).Count.ShouldBe(1);
        (await store.GetAccountAsync("u1", Ct))!.SecurityStamp.ShouldBe("stamp-u1");
    }

    [Fact]
    public async Task CreateApiKeyAsync_stores_whether_the_key_bypasses_approval_and_audits_it()
    {
        IConfigStore store = await ReadyStoreAsync();

        await store.CreateApiKeyAsync(Key("k1", ApiKeyKind.Admin, null) with { BypassesApproval = true }, "admin", Ct);
        await store.CreateApiKeyAsync(Key("k2", ApiKeyKind.Server, "production"), "admin", Ct);

        (await store.GetApiKeyAsync("k1", Ct))!.BypassesApproval.ShouldBeTrue();
        (await store.GetApiKeyAsync("k2", Ct))!.BypassesApproval.ShouldBeFalse();
        (await store.ListApiKeysAsync(Ct)).OrderBy(k => k.Id, StringComparer.Ordinal).Select(k => k.BypassesApproval).ShouldBe([true, false]);
        IReadOnlyList<AuditEntry> audit = await store.QueryAuditAsync(new AuditQuery(Kind: "api-key"), Ct);
        audit.Single(e => e.Key == "k1").After.ShouldBe("""{"id":"k1","name":"key k1","kind":"admin","bypassesApproval":true}""");
        audit.Single(e => e.Key == "k2").After.ShouldBe("""{"id":"k2","name":"key k2","kind":"server","bypassesApproval":false}""");
    }
}
