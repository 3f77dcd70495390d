using System.Security.Claims;

namespace FailSmart.Server.Api;

/// <summary>Who the audit log says made a change: the authenticated key's name and id.</summary>
internal static class Actor
{
    public static string Of(ClaimsPrincipal user) =>
        $"{user.Identity?.Name ?? "anonymous"} ({user.FindFirstValue(Auth.FailSmartClaims.KeyId) ?? "-"})";

    /// <summary>The optional reason, from the X-Change-Reason header.</summary>
    public static string? Reason(HttpRequest request) =>
        request.Headers["X-Change-Reason"].ToString() is { Length: > 0 } reason ? reason : null;
}
