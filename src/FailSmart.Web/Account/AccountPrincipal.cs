using System.Security.Claims;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Account;

/// <summary>The claims a session carries: who, which role, and the stamp that "sign out everywhere" changes.</summary>
internal static class AccountPrincipal
{
    public static ClaimsPrincipal Create(UserAccount account)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(ClaimTypes.Email, account.UserName),
                new Claim(ClaimTypes.Role, account.Role.ToString().ToLowerInvariant()),
                new Claim(UiPolicies.SecurityStampClaim, account.SecurityStamp),
            ],
            UiPolicies.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
