using System.Net.Mail;
using System.Security.Cryptography;
using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace FailSmart.Application.Accounts;

internal sealed class AccountService(IAccountStore store, TimeProvider timeProvider, ILogger<AccountService> logger) : IAccountService
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    // Verified against when the user name is unknown, so a wrong name costs as much time as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, "not a real password"));

    public async Task<bool> IsFirstRunAsync(CancellationToken cancellationToken = default) => !await store.AnyAccountAsync(cancellationToken);

    public async Task<FirstAdminResult> CreateFirstAdminAsync(NewAccount input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<FieldProblem> problems = Validate(input);
        if (problems.Count > 0)
        {
            return new FirstAdminResult(null, false, problems);
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        var account = new UserAccount(
            NewId(), Normalize(input.UserName!), input.DisplayName!.Trim(), "", AccountRole.Admin, 0, null, NewId(), now, now);
        account = account with { PasswordHash = _hasher.HashPassword(account, input.Password!) };
        if (!await store.CreateFirstAdminAsync(account, cancellationToken))
        {
            return new FirstAdminResult(null, true, []);
        }

        AccountLog.FirstAdminCreated(logger, account.Id);
        return new FirstAdminResult(account, false, []);
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) => store.ListAccountsAsync(cancellationToken);

    public async Task<ServiceResult<UserAccount>> CreateAsync(
        Caller caller, NewAccount input, AccountRole role, IReadOnlyList<string>? environments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators add people. Ask one to add this person.");
        }

        var problems = new List<FieldProblem>(Validate(input));
        problems.AddRange(AccessProblems(role, environments));
        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        var account = new UserAccount(
            NewId(), Normalize(input.UserName!), input.DisplayName!.Trim(), "", role, 0, null, NewId(), now, now, role == AccountRole.Editor ? environments : null);
        account = account with { PasswordHash = _hasher.HashPassword(account, input.Password!) };
        if (!await store.CreateAccountAsync(account, caller.Actor, cancellationToken))
        {
            return ServiceProblems.Invalid("userName", $"There is already an account for {account.UserName}.", "Use another email address, or change that person's role instead.");
        }

        return new ServiceResult<UserAccount>(ServiceOutcome.Created, account);
    }

    public async Task<ServiceResult<UserAccount>> ChangeAccessAsync(
        Caller caller, string accountId, AccountRole role, IReadOnlyList<string>? environments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators change people's roles.");
        }

        if (AccessProblems(role, environments) is { Count: > 0 } problems)
        {
            return ServiceProblems.Invalid(problems);
        }

        UserAccount? account = await store.GetAccountAsync(accountId, cancellationToken);
        if (account is null)
        {
            return ServiceProblems.NotFound("account", accountId);
        }

        // A person's caller id is "account:" and the account id (see Caller.Id), never the bare id.
        if (caller.Id == "account:" + account.Id && role != AccountRole.Admin)
        {
            return ServiceProblems.Invalid("role", "You cannot take away your own administrator role.", "Ask another administrator to do it, so FailSmart always keeps one.");
        }

        IReadOnlyList<string>? limited = role == AccountRole.Editor ? environments : null;
        if (!await store.ChangeAccountAccessAsync(accountId, role, limited, caller.Actor, cancellationToken))
        {
            return ServiceProblems.NotFound("account", accountId);
        }

        return new ServiceResult<UserAccount>(ServiceOutcome.Changed, await store.GetAccountAsync(accountId, cancellationToken));
    }

    private static List<FieldProblem> AccessProblems(AccountRole role, IReadOnlyList<string>? environments)
    {
        var problems = new List<FieldProblem>();
        if (!Enum.IsDefined(role))
        {
            problems.Add(new("role", $"'{role}' is not a role.", "Choose viewer, editor or admin."));
        }

        if (environments is { Count: 0 } && role == AccountRole.Editor)
        {
            problems.Add(new("environments", "An editor limited to no environment could change nothing.", "Choose at least one environment, or leave the limit off for all."));
        }

        return problems;
    }

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        UserAccount? account = string.IsNullOrWhiteSpace(userName) ? null : await store.FindAccountByUserNameAsync(Normalize(userName), cancellationToken);
        if (account is null)
        {
            _hasher.VerifyHashedPassword(null!, _decoyHash.Value, password ?? "");
            return new SignInResult(SignInOutcome.WrongCredentials);
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        if (account.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
        }

        PasswordVerificationResult verified = _hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verified == PasswordVerificationResult.Failed)
        {
            int failed = account.FailedAttempts + 1;
            if (failed >= AccountRules.MaxFailedAttempts)
            {
                DateTimeOffset until = now + AccountRules.LockoutDuration;
                await store.UpdateAccountAsync(account with { FailedAttempts = 0, LockoutEnd = until }, cancellationToken);
                AccountLog.LockedOut(logger, account.Id, until);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
            }

            await store.UpdateAccountAsync(account with { FailedAttempts = failed }, cancellationToken);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }

        UserAccount signedIn = account with
        {
            FailedAttempts = 0,
            LockoutEnd = null,
            PasswordHash = verified == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(account, password!) : account.PasswordHash,
        };
        if (signedIn != account)
        {
            await store.UpdateAccountAsync(signedIn, cancellationToken);
        }

        return new SignInResult(SignInOutcome.SignedIn, signedIn);
    }

    public async Task<UserAccount?> ValidateSessionAsync(string accountId, string securityStamp, CancellationToken cancellationToken = default)
    {
        UserAccount? account = await store.GetAccountAsync(accountId, cancellationToken);
        return account is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(account.SecurityStamp), System.Text.Encoding.UTF8.GetBytes(securityStamp ?? "")) ? account : null;
    }

    public async Task<bool> SignOutEverywhereAsync(string accountId, CancellationToken cancellationToken = default)
    {
        UserAccount? account = await store.GetAccountAsync(accountId, cancellationToken);
        return account is not null && await store.UpdateAccountAsync(account with { SecurityStamp = NewId() }, cancellationToken);
    }

    public IReadOnlyList<FieldProblem> Validate(NewAccount input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        string userName = input.UserName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            problems.Add(new FieldProblem("userName", "Enter an email address.", "You sign in with it, for example ada@example.com."));
        }
        else if (userName.Length > AccountRules.MaxUserNameLength || !MailAddress.TryCreate(userName, out MailAddress? address) || address.Address != userName)
        {
            problems.Add(new FieldProblem("userName", $"'{userName}' is not an email address.", "Use the form name@example.com, without spaces or a display name."));
        }

        string displayName = input.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0)
        {
            problems.Add(new FieldProblem("displayName", "Enter a display name.", "FailSmart shows it in the audit log next to what you change."));
        }
        else if (displayName.Length > AccountRules.MaxDisplayNameLength)
        {
            problems.Add(new FieldProblem("displayName", $"The display name has {displayName.Length} characters; the limit is {AccountRules.MaxDisplayNameLength}.", "Shorten it."));
        }

        int passwordLength = input.Password?.Length ?? 0;
        if (passwordLength < AccountRules.MinPasswordLength)
        {
            problems.Add(new FieldProblem("password", $"The password has {passwordLength} characters; it needs at least {AccountRules.MinPasswordLength}.",
                "A few unrelated words make a long password that is easy to remember."));
        }

        return problems;
    }

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
