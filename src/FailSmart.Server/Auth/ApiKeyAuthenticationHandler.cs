using System.Security.Claims;
using System.Text.Encodings.Web;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer fs_…" (or the X-API-Key header). Unknown, revoked and expired
/// keys fail authentication; the reason goes into the 401 ProblemDetails, never the key itself.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache keys,
    ApiKeyUsage usage,
    TimeProvider timeProvider)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string FailureReasonItem = "failsmart:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.TryParse(presented, out ApiKeyKind kind, out string id))
        {
            return Fail("The API key is malformed. Keys look like fs_admin_…, fs_server_… or fs_client_…; create one under /api/v1/api-keys.");
        }

        ApiKeyRecord? record = await keys.GetAsync(id, Context.RequestAborted);
        if (record is null || record.Kind != kind || !ApiKeySecret.Matches(presented, record.SecretHash))
        {
            return Fail("The API key is not known to this server. Check that it was copied whole and belongs to this FailSmart.");
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        if (record.RevokedAt is not null)
        {
            return Fail($"The API key '{record.Name}' was revoked. Create a new key.");
        }

        if (record.ExpiresAt is { } expires && expires <= now)
        {
            return Fail($"The API key '{record.Name}' expired at {expires:O}. Create a new key.");
        }

        await usage.RecordAsync(id, now, Context.RequestAborted);

        List<Claim> claims =
        [
            new(ClaimTypes.Name, record.Name),
            new(FailSmartClaims.KeyId, record.Id),
            new(FailSmartClaims.KeyKind, record.Kind.ToString()),
        ];
        if (record.Environment is not null)
        {
            claims.Add(new Claim(FailSmartClaims.Environment, record.Environment));
        }

        if (record.BypassesApproval)
        {
            claims.Add(new Claim(FailSmartClaims.BypassesApproval, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Context.Items.TryAdd(FailureReasonItem, "This endpoint needs an API key: send 'Authorization: Bearer <key>'.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureReasonItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private static string? Presented(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        string? header = request.Headers["X-API-Key"];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
