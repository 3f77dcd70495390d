using System.Globalization;
using System.Security.Claims;
using FailSmart.Server.Api;
using FailSmart.Server.Auth;

namespace FailSmart.Server.Sync;

/// <summary>
/// `/sdk/v1`: a server SDK downloads its environment's rule set (ETag, 304) and then follows a
/// Server-Sent Events stream: a full rule set ("put") on connect and after every change, each with the
/// configuration revision as its id, and heartbeat comments while idle. A client that asks for deltas
/// (<c>?deltas=true</c>) gets a "put" on connect and then a "patch" per change: only the resources that
/// changed, from the revision it has to the new one. A reconnect with Last-Event-ID at the current revision
/// gets no repeat of what it has; one at a revision still in the delta window gets a patch (when it asked
/// for deltas); any other gets the full rule set.
/// </summary>
internal static class SdkSyncApi
{
    private static readonly byte[] s_resumed = ": resumed at the current revision\n\n"u8.ToArray();

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
            .WithSummary("Server-Sent Events: 'put' events carry the full rule set with the revision as id; with deltas=true, each change " +
                "after the first 'put' is a 'patch' of the resources that changed; ': heartbeat' comments keep the stream alive.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest);
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

    // deltas: "true" sends each change after the first full rule set as a patch; absent or "false" sends a put per change.
    private static async Task<IResult> StreamAsync(
        HttpContext http, string? deltas, RuleSetCache cache, ConfigChangeNotifier notifier, StreamHeartbeat heartbeat, ApiKeyConnectionWatch keys,
        IHostApplicationLifetime lifetime)
    {
        if (!TryReadDeltas(deltas, out bool patches))
        {
            return ApiProblems.Invalid("deltas", $"deltas must be true or false, not '{deltas}'.", "Send deltas=true to receive changes as patches, or leave it out for a full rule set per change.");
        }

        string environment = EnvironmentOf(http.User);
        // Authentication ran once, when the stream opened; the lease ends the stream when the key is revoked or expires.
        using ApiKeyLease key = await keys.WatchAsync(KeyIdOf(http.User), http.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, key.Ended);
        CancellationToken cancellationToken = stop.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        Func<HttpResponse, RuleSet, RuleSet, CancellationToken, Task> write = patches ? WritePatchAsync : WritePutAsync;

        try
        {
            RuleSet current = await cache.GetAsync(environment, cancellationToken);
            RuleSet sent = current;
            bool resumed = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out long resumedAt);
            if (resumed && resumedAt == current.Revision)
            {
                await RuleSetStreamLoop.WriteAsync(http.Response, s_resumed, cancellationToken);
            }
            else if (resumed && patches && cache.TryGetRecent(environment, resumedAt, out RuleSet? had))
            {
                // What the client has is still in the window: send what changed since, or nothing if it is the same.
                sent = had!;
                if (had!.ETag == current.ETag)
                {
                    await RuleSetStreamLoop.WriteAsync(http.Response, s_resumed, cancellationToken);
                }
                else
                {
                    await WritePatchAsync(http.Response, had, current, cancellationToken);
                    sent = current;
                }
            }
            else
            {
                await RuleSetStreamLoop.WriteAsync(http.Response, current.PutEvent, cancellationToken);
            }

            await RuleSetStreamLoop.FollowAsync(http.Response, cache, notifier, heartbeat, environment, sent, write, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left, the server is stopping or the key stopped being valid; either way the stream ends.
        }

        return TypedResults.Empty;
    }

    private static bool TryReadDeltas(string? value, out bool deltas)
    {
        deltas = false;
        return value is null || bool.TryParse(value, out deltas);
    }

    private static Task WritePutAsync(HttpResponse response, RuleSet sent, RuleSet ruleSet, CancellationToken cancellationToken) =>
        RuleSetStreamLoop.WriteAsync(response, ruleSet.PutEvent, cancellationToken);

    // The patch when the change can be one, else the full rule set; the same bytes for every stream making the same move.
    private static Task WritePatchAsync(HttpResponse response, RuleSet sent, RuleSet ruleSet, CancellationToken cancellationToken) =>
        RuleSetStreamLoop.WriteAsync(response, ruleSet.PatchEventFrom(sent) ?? ruleSet.PutEvent, cancellationToken);

    public static string KeyIdOf(ClaimsPrincipal user) =>
        user.FindFirstValue(FailSmartClaims.KeyId) ?? throw new InvalidOperationException("Authenticated callers always carry their key id.");

    public static string EnvironmentOf(ClaimsPrincipal user) =>
        user.FindFirstValue(FailSmartClaims.Environment) ?? throw new InvalidOperationException("Server and client keys always carry an environment.");
}
