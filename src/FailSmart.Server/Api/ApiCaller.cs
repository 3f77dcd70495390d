using System.Security.Claims;
using FailSmart.Application.Access;

namespace FailSmart.Server.Api;

/// <summary>
/// The caller an admin API request acts as: its key, as an administrator, with the reason from
/// X-Change-Reason and, with X-Acknowledge-Collisions: true, the acknowledgement that a change may let
/// trials share units; with X-Confirm-Archive: true, the confirmation that a flag still evaluated may be archived.
/// </summary>
internal static class ApiCaller
{
    public static Caller From(HttpContext http, string? reason = null)
    {
        ClaimsPrincipal user = http.User;
        string keyId = user.FindFirstValue(Auth.FailSmartClaims.KeyId) ?? "-";
        return new Caller(
            $"{user.Identity?.Name ?? "anonymous"} ({keyId})",
            "key:" + keyId,
            CallerRole.Admin,
            BypassesApproval: user.HasClaim(Auth.FailSmartClaims.BypassesApproval, "true"),
            Reason: reason ?? Reason(http.Request),
            AcknowledgesCollisions: string.Equals(http.Request.Headers["X-Acknowledge-Collisions"].ToString(), "true", StringComparison.OrdinalIgnoreCase),
            ConfirmsArchive: string.Equals(http.Request.Headers["X-Confirm-Archive"].ToString(), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The optional reason, from the X-Change-Reason header.</summary>
    public static string? Reason(HttpRequest request) =>
        request.Headers["X-Change-Reason"].ToString() is { Length: > 0 } reason ? reason : null;
}
