using System.Globalization;
using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

public abstract partial class ConfigStoreConformanceTests
{
    private static readonly DateTimeOffset s_accountCreated = DateTimeOffset.Parse("2026-03-04T05:06:07Z", CultureInfo.InvariantCulture);

    private static UserAccount Account(string id, string userName, AccountRole role = AccountRole.Admin) =>
        new(id, userName, "Person " + id, "hash-" + id, role, 0, null, "stamp-" + id, s_accountCreated, s_accountCreated);

    private async Task<IAccountStore> ReadyAccountStoreAsync() => (IAccountStore)await ReadyStoreAsync();

    [Fact]
    public async Task AnyAccountAsync_new_store_has_none()
    {
        IAccountStore store = await ReadyAccountStoreAsync();

        (await store.AnyAccountAsync(Ct)).ShouldBeFalse();
        (await store.ListAccountsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateFirstAdminAsync_stores_the_account_and_audits_without_the_hash()
    {
        IAccountStore store = await ReadyAccountStoreAsync();

        (await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct)).ShouldBeTrue();

        (await store.AnyAccountAsync(Ct)).ShouldBeTrue();
        UserAccount stored = (await store.GetAccountAsync("u1", Ct)).ShouldNotBeNull();
        stored.UserName.ShouldBe("ada@example.com");
        stored.DisplayName.ShouldBe("Person u1");
        stored.PasswordHash.ShouldBe("hash-u1");
        stored.Role.ShouldBe(AccountRole.Admin);
        stored.FailedAttempts.ShouldBe(0);
        stored.LockoutEnd.ShouldBeNull();
        stored.SecurityStamp.ShouldBe("stamp-u1");
        AuditEntry audit = (await ((IConfigStore)store).QueryAuditAsync(new AuditQuery(Kind: "user"), Ct)).Single();
        audit.Action.ShouldBe("user.create");
        audit.Key.ShouldBe("u1");
        audit.Actor.ShouldBe("ada@example.com");
        audit.After.ShouldNotBeNull().ShouldContain("ada@example.com");
        audit.After.ShouldNotContain("hash-u1");
    }

    [Fact]
    public async Task CreateFirstAdminAsync_when_an_account_exists_refuses_a_second()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);

        (await store.CreateFirstAdminAsync(Account("u2", "eve@example.com"), Ct)).ShouldBeFalse();

        (await store.ListAccountsAsync(Ct)).Select(a => a.Id).ShouldBe(["u1"]);
    }

    [Fact]
    public async Task CreateFirstAdminAsync_concurrent_first_runs_create_exactly_one()
    {
        IAccountStore store = await ReadyAccountStoreAsync();

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            ((IAccountStore)CreateStore()).CreateFirstAdminAsync(Account("c" + i, $"admin{i}@example.com"), Ct)));

        created.Count(c => c).ShouldBe(1);
        (await store.ListAccountsAsync(Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAccountAsync_refuses_a_taken_user_name()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);

        (await store.CreateAccountAsync(Account("u2", "bob@example.com", AccountRole.Viewer), "ada@example.com", Ct)).ShouldBeTrue();
        (await store.CreateAccountAsync(Account("u3", "bob@example.com", AccountRole.Editor), "ada@example.com", Ct)).ShouldBeFalse();

        (await store.ListAccountsAsync(Ct)).Select(a => a.UserName).ShouldBe(["ada@example.com", "bob@example.com"]);
        (await store.FindAccountByUserNameAsync("bob@example.com", Ct)).ShouldNotBeNull().Role.ShouldBe(AccountRole.Viewer);
        (await store.FindAccountByUserNameAsync("nobody@example.com", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateAccountAsync_saves_lockout_and_stamp()
    {
        IAccountStore store = await ReadyAccountStoreAsync();
        await store.CreateFirstAdminAsync(Account("u1", "ada@example.com"), Ct);
        DateTimeOffset lockedUntil = DateTimeOffset.Parse("2026-03-04T05:21:07.5Z", CultureInfo.InvariantCulture);

        bool updated = await store.UpdateAccountAsync(
            (await store.GetAccountAsync("u1", Ct))! with { FailedAttempts = 3, LockoutEnd = lockedUntil, SecurityStamp = "new-stamp", Role = AccountRole.Editor }, Ct);

        updated.ShouldBeTrue();
        UserAccount stored = (await store.GetAccountAsync("u1", Ct)).ShouldNotBeNull();
        stored.FailedAttempts.ShouldBe(3);
        stored.LockoutEnd.ShouldBe(lockedUntil);
        stored.SecurityStamp.ShouldBe("new-stamp");
        stored.Role.ShouldBe(AccountRole.Editor);
        (await store.UpdateAccountAsync(Account("missing", "x@example.com"), Ct)).ShouldBeFalse();
    }
}
