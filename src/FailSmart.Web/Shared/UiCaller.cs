using System.Security.Claims;
using FailSmart.Application.Access;
using FailSmart.Application.Accounts;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Components.Authorization;

namespace FailSmart.Web.Shared;

/// <summary>
/// The signed-in person as a <see cref="Caller"/> for the application services. Role and environments are
/// read from the account as it is now, not from the session's claims, so a role taken away applies at
/// once, even on a page that was opened before.
/// </summary>
public sealed class UiCaller(AuthenticationStateProvider authentication, IAccountService accounts)
{
    /// <summary>The caller, or null when the session is no longer valid (signed out everywhere, account changed).</summary>
    public async Task<Caller?> GetAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        ClaimsPrincipal user = (await authentication.GetAuthenticationStateAsync()).User;
        string? id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        string? stamp = user.FindFirstValue(UiPolicies.SecurityStampClaim);
        if (id is null || stamp is null || await accounts.ValidateSessionAsync(id, stamp, cancellationToken) is not { } account)
        {
            return null;
        }

        CallerRole role = account.Role switch
        {
            AccountRole.Admin => CallerRole.Admin,
            AccountRole.Editor => CallerRole.Editor,
            _ => CallerRole.Viewer,
        };
        return new Caller($"{account.DisplayName} <{account.UserName}>", "account:" + account.Id, role, account.Environments, Reason: string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    /// <summary>A problem to show when <see cref="GetAsync"/> found no valid session.</summary>
    public static ServiceProblemText SessionEnded => new("Your session has ended. Sign in again to make changes.");
}
