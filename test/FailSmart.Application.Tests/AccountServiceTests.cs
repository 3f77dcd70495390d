using FailSmart.Application.Accounts;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Application.Tests;

public sealed class AccountServiceTests
{
    private const string Password = "correct horse battery";

    private readonly InMemoryAccountStore _store = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-06-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly AccountService _service;

    public AccountServiceTests() => _service = new AccountService(_store, _clock, NullLogger<AccountService>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<UserAccount> CreateAdminAsync() =>
        (await _service.CreateFirstAdminAsync(new NewAccount(" Ada@Example.com ", " Ada Lovelace ", Password), Ct)).Account.ShouldNotBeNull();

    [Fact]
    public async Task CreateFirstAdminAsync_valid_input_creates_an_admin_with_a_hashed_password()
    {
        (await _service.IsFirstRunAsync(Ct)).ShouldBeTrue();

        UserAccount admin = await CreateAdminAsync();

        admin.UserName.ShouldBe("ada@example.com");
        admin.DisplayName.ShouldBe("Ada Lovelace");
        admin.Role.ShouldBe(AccountRole.Admin);
        admin.PasswordHash.ShouldNotContain(Password);
        admin.PasswordHash.Length.ShouldBeGreaterThan(40);
        (await _service.IsFirstRunAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateFirstAdminAsync_when_an_account_exists_is_refused()
    {
        await CreateAdminAsync();

        FirstAdminResult second = await _service.CreateFirstAdminAsync(new NewAccount("eve@example.com", "Eve", Password), Ct);

        second.Created.ShouldBeFalse();
        second.AlreadyExists.ShouldBeTrue();
        (await _store.ListAccountsAsync(Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateFirstAdminAsync_invalid_input_names_each_field_with_a_hint()
    {
        FirstAdminResult result = await _service.CreateFirstAdminAsync(new NewAccount("not an email", "", "short"), Ct);

        result.Created.ShouldBeFalse();
        result.Problems.Select(p => p.Path).ShouldBe(["userName", "displayName", "password"]);
        result.Problems.ShouldAllBe(p => p.Hint != null);
        result.Problems.Single(p => p.Path == "password").Message.ShouldBe("The password has 5 characters; it needs at least 12.");
        (await _service.IsFirstRunAsync(Ct)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("a@example.com", "A", "twelve chars", 0)]
    [InlineData("a@example.com", "A", "eleven char", 1)]
    [InlineData("Ada <a@example.com>", "A", "twelve chars", 1)]
    [InlineData("", "A", "twelve chars", 1)]
    public void Validate_checks_email_and_password_length(string userName, string displayName, string password, int problems) =>
        _service.Validate(new NewAccount(userName, displayName, password)).Count.ShouldBe(problems);

    [Fact]
    public async Task SignInAsync_right_password_any_case_user_name_signs_in()
    {
        UserAccount admin = await CreateAdminAsync();

        SignInResult result = await _service.SignInAsync("ADA@example.com", Password, Ct);

        result.Outcome.ShouldBe(SignInOutcome.SignedIn);
        result.Account.ShouldNotBeNull().Id.ShouldBe(admin.Id);
    }

    [Fact]
    public async Task SignInAsync_wrong_password_or_unknown_name_is_wrong_credentials()
    {
        await CreateAdminAsync();

        (await _service.SignInAsync("ada@example.com", "wrong password!", Ct)).Outcome.ShouldBe(SignInOutcome.WrongCredentials);
        (await _service.SignInAsync("bob@example.com", Password, Ct)).Outcome.ShouldBe(SignInOutcome.WrongCredentials);
        (await _store.FindAccountByUserNameAsync("ada@example.com", Ct))!.FailedAttempts.ShouldBe(1);
    }

    [Fact]
    public async Task SignInAsync_fifth_wrong_password_locks_for_fifteen_minutes_even_against_the_right_password()
    {
        await CreateAdminAsync();
        for (int i = 0; i < 4; i++)
        {
            (await _service.SignInAsync("ada@example.com", "wrong password!", Ct)).Outcome.ShouldBe(SignInOutcome.WrongCredentials);
        }

        SignInResult fifth = await _service.SignInAsync("ada@example.com", "wrong password!", Ct);
        SignInResult right = await _service.SignInAsync("ada@example.com", Password, Ct);

        DateTimeOffset until = DateTimeOffset.Parse("2026-06-01T10:15:00Z", System.Globalization.CultureInfo.InvariantCulture);
        fifth.ShouldBe(new SignInResult(SignInOutcome.LockedOut, null, until));
        right.ShouldBe(new SignInResult(SignInOutcome.LockedOut, null, until));
    }

    [Fact]
    public async Task SignInAsync_after_the_lockout_ends_signs_in_and_resets_the_count()
    {
        await CreateAdminAsync();
        for (int i = 0; i < 5; i++)
        {
            await _service.SignInAsync("ada@example.com", "wrong password!", Ct);
        }

        _clock.Advance(TimeSpan.FromMinutes(15));
        SignInResult result = await _service.SignInAsync("ada@example.com", Password, Ct);

        result.Outcome.ShouldBe(SignInOutcome.SignedIn);
        result.Account!.FailedAttempts.ShouldBe(0);
        result.Account.LockoutEnd.ShouldBeNull();
    }

    [Fact]
    public async Task SignOutEverywhereAsync_invalidates_sessions_with_the_old_stamp()
    {
        UserAccount admin = await CreateAdminAsync();
        (await _service.ValidateSessionAsync(admin.Id, admin.SecurityStamp, Ct)).ShouldNotBeNull();

        (await _service.SignOutEverywhereAsync(admin.Id, Ct)).ShouldBeTrue();

        (await _service.ValidateSessionAsync(admin.Id, admin.SecurityStamp, Ct)).ShouldBeNull();
        UserAccount current = (await _store.GetAccountAsync(admin.Id, Ct))!;
        (await _service.ValidateSessionAsync(admin.Id, current.SecurityStamp, Ct)).ShouldNotBeNull();
        (await _service.SignOutEverywhereAsync("missing", Ct)).ShouldBeFalse();
    }
}
