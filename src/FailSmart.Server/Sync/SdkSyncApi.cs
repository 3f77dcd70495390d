using System.Globalization;
using System.Security.Claims;
using FailSmart.Server.Auth;

namespace FailSmart.Server.Sync;

/// <summary>
/// `/sdk/v1`: a server SDK downloads its environment's rule set (ETag, 304) and then follows a
/// Server-Sent Events stream: a full rule set ("put") on connect and after every change, each with the
/// configuration revision as its id, and heartbeat comments while idle. A reconnect with Last-Event-ID
/// at the current revision gets no repeat of what it has.
/// </summary>
internal static class SdkSyncApi
{

    public static IEndpointRouteBuilder MapSdkSyncApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder sdk = endpoints.MapGroup("/sdk/v1").WithTags("SDK sync")
            .RequireAuthorization(FailSmartPolicies.ServerSdk)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        sdk.MapGet("/config", GetConfigAsync).WithName("GetSdkConfig")
            .WithSummary("The key's environment's rule set in the configuration format. Send If-None-Match to get 304 when unchanged.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status304NotModified);
        sdk.MapGet("/stream", StreamAsync).WithName("StreamSdkConfig")
            .WithSummary("Server-Sent Events: 'put' events carry the full rule set with the revision as id; ': heartbeat' comments keep the stream alive.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return endpoints;
    }

    private static async Task<IResult> GetConfigAsync(HttpContext http, RuleSetCache cache, CancellationToken cancellationToken)
    {
        RuleSet ruleSet = await cache.GetAsync(EnvironmentOf(http.User), cancellationToken);
        http.Response.Headers.ETag = ruleSet.ETag;
        http.Response.Headers["X-FailSmart-Revision"] = ruleSet.Revision.ToString(CultureInfo.InvariantCulture);
        if (IfNoneMatch.Matches(http.Request, ruleSet.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(ruleSet.Json, "application/json");
    }

    private static async Task StreamAsync(
        HttpContext http, RuleSetCache cache, ConfigChangeNotifier notifier, StreamHeartbeat heartbeat, ApiKeyConnectionWatch keys,
        IHostApplicationLifetime lifetime)
    {
        string environment = EnvironmentOf(http.User);
        // Authentication ran once, when the stream opened; the lease ends the stream when the key is revoked or expires.
        using ApiKeyLease key = await keys.WatchAsync(KeyIdOf(http.User), http.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, key.Ended);
        CancellationToken cancellationToken = stop.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back

        try
        {
            RuleSet current = await cache.GetAsync(environment, cancellationToken);
            if (!long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out long resumedAt) ||
                resumedAt != current.Revision)
            {
                await WritePutAsync(http.Response, current, cancellationToken);
            }
            else
            {
                await http.Response.WriteAsync(": resumed at the current revision\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }

            await RuleSetStreamLoop.FollowAsync(http.Response, cache, notifier, heartbeat, environment, current, WritePutAsync, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left, the server is stopping or the key stopped being valid; either way the stream ends.
        }
    }

    private static async Task WritePutAsync(HttpResponse response, RuleSet ruleSet, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(ruleSet.PutEvent, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public static string KeyIdOf(ClaimsPrincipal user) =>
        user.FindFirstValue(FailSmartClaims.KeyId) ?? throw new InvalidOperationException("Authenticated callers always carry their key id.");

    public static string EnvironmentOf(ClaimsPrincipal user) =>
        user.FindFirstValue(FailSmartClaims.Environment) ?? throw new InvalidOperationException("Server and client keys always carry an environment.");
}
