using FailSmart.Server.Auth;
using FailSmart.Server.Sync;
using FailSmart.Storage.Config;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// The OFREP event stream (ADR 0008 of open-feature/protocol): Server-Sent Events that carry no flag
/// values, only {"type":"refetchEvaluation"} when the key's environment changes, so a web provider
/// evaluates again without polling. Each event's id names the environment's rule set; a reconnect with
/// Last-Event-ID, or a first connect with the "since" the bulk answer gave, gets an event at once when
/// the rule set moved on meanwhile. The token in the URL stands in for the key (EventSource cannot send
/// headers); the stream ends when the key is revoked or expires.
/// </summary>
internal static class OfrepEventStream
{
    private static readonly byte[] s_connected = ": connected\n\n"u8.ToArray();

    public static async Task<IResult> StreamAsync(
        HttpContext http, string? token, string? since, OfrepEventTokens tokens, RuleSetCache cache, ConfigChangeNotifier notifier,
        StreamHeartbeat heartbeat, ApiKeyConnectionWatch keys, OfrepRefetchEvents messages, IHostApplicationLifetime lifetime)
    {
        (ApiKeyRecord? key, string? problem) = await tokens.ValidateAsync(token, http.RequestAborted);
        if (key is null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status401Unauthorized, title: "The event stream token is not valid.");
        }

        using ApiKeyLease lease = await keys.WatchAsync(key.Id, http.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, lease.Ended);
        CancellationToken cancellationToken = stop.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        string environment = key.Environment ?? throw new InvalidOperationException("Server and client keys always carry an environment.");

        try
        {
            RuleSet current = await cache.GetAsync(environment, cancellationToken);
            string? known = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId ? lastEventId : since;
            if (known is not null && known != OfrepRefetchEvents.EventId(current))
            {
                await RuleSetStreamLoop.WriteAsync(http.Response, messages.For(current), cancellationToken);
            }
            else
            {
                await http.Response.Body.WriteAsync(s_connected, cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }

            await RuleSetStreamLoop.FollowAsync(http.Response, cache, notifier, heartbeat, environment, current,
                (response, _, changed, ct) => RuleSetStreamLoop.WriteAsync(response, messages.For(changed), ct), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left, the server is stopping or the key stopped being valid; the stream ends.
        }

        return TypedResults.Empty;
    }
}
