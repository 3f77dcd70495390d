using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Server.Auth;
using FailSmart.Server.Sync;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Http.Extensions;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol: any OpenFeature SDK evaluates FailSmart flags with a client
/// or server key. Error bodies follow OFREP (key, errorCode, errorDetails); they also carry ProblemDetails'
/// status and title, so they read the same as every other FailSmart error. Browsers on other origins may
/// call it (CORS, <see cref="OfrepOptions.AllowedOrigins"/>), and a bulk answer names an event stream
/// that tells them when to evaluate again.
/// </summary>
internal static class OfrepApi
{
    /// <summary>The CORS policy of the OFREP routes; nothing else in the server answers other origins.</summary>
    public const string CorsPolicy = "ofrep";

    public const string EventsPath = "/ofrep/v1/events";

    private static readonly Api.RequestBodyDocs s_bodyDocs = new(ResourceSchemas.OfrepRequest, ResourceSchemas.OfrepExample);

    public static IEndpointRouteBuilder MapOfrepApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EventsPath, OfrepEventStream.StreamAsync).WithTags("OpenFeature (OFREP)").WithName("OfrepEventStream")
            .WithSummary("Server-Sent Events for browsers: a 'refetchEvaluation' message whenever the key's environment changes. Open the URL from a bulk answer's eventStreams; its token stands in for the key.")
            .AllowAnonymous()
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(Api.RateLimiting.PublicPolicy)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        RouteGroupBuilder ofrep = endpoints.MapGroup("/ofrep/v1").WithTags("OpenFeature (OFREP)")
            .RequireAuthorization(FailSmartPolicies.Evaluate)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(Api.RateLimiting.PublicPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        ofrep.MapPost("/evaluate/flags/{key}", EvaluateOneAsync).WithName("OfrepEvaluateFlag")
            .WithSummary("Evaluates one flag for a context: {\"context\": {\"targetingKey\": \"user-123\", …}}.")
            .Accepts<JsonObject>("application/json").WithMetadata(s_bodyDocs)
            .Produces<JsonObject>().Produces<JsonObject>(StatusCodes.Status400BadRequest).Produces<JsonObject>(StatusCodes.Status404NotFound);
        ofrep.MapPost("/evaluate/flags", EvaluateAllAsync).WithName("OfrepEvaluateFlags")
            .WithSummary("Evaluates every flag of the key's environment for a context. Send If-None-Match to get 304 when nothing changed.")
            .Accepts<JsonObject>("application/json").WithMetadata(s_bodyDocs)
            .Produces<JsonObject>().Produces(StatusCodes.Status304NotModified).Produces<JsonObject>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> EvaluateOneAsync(string key, HttpContext http, RuleSetCache cache, Events.ExposureRecorder exposures, Events.UsageCounter usage, CancellationToken cancellationToken)
    {
        OfrepRead context = OfrepContext.Read(await ReadBodyAsync(http.Request, cancellationToken));
        if (context.ErrorCode is not null)
        {
            return Answer(StatusCodes.Status400BadRequest, OfrepEvaluation.Failure(key, context.ErrorCode, context.ErrorDetails!));
        }

        RuleSet ruleSet = await cache.GetAsync(SdkSyncApi.EnvironmentOf(http.User), cancellationToken);
        (int status, JsonObject body) = OfrepEvaluation.Evaluate(ruleSet.Evaluator, key, context, exposures, usage);
        return Answer(status, body);
    }

    private static async Task<IResult> EvaluateAllAsync(
        HttpContext http, RuleSetCache cache, ApiKeyCache keys, OfrepEventTokens tokens, Events.ExposureRecorder exposures, Events.UsageCounter usage, CancellationToken cancellationToken)
    {
        byte[] raw = await ReadBodyAsync(http.Request, cancellationToken);
        OfrepRead context = OfrepContext.Read(raw);
        if (context.ErrorCode is not null)
        {
            return Answer(StatusCodes.Status400BadRequest, new JsonObject { ["errorCode"] = context.ErrorCode, ["errorDetails"] = context.ErrorDetails });
        }

        RuleSet ruleSet = await cache.GetAsync(SdkSyncApi.EnvironmentOf(http.User), cancellationToken);
        ApiKeyRecord? key = await keys.GetAsync(SdkSyncApi.KeyIdOf(http.User), cancellationToken);
        string? streamUrl = key is null ? null : EventStreamUrl(http.Request, tokens.Issue(key), ruleSet);

        // The answer depends only on the rule set, the stream URL (its token changes each period) and the context.
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(
            [.. Encoding.UTF8.GetBytes($"{ruleSet.ETag}\n{streamUrl}\n"), .. raw]))[..32] + "\"";
        http.Response.Headers.ETag = etag;
        if (IfNoneMatch.Matches(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var flags = new JsonArray();
        foreach (Core.Model.Flag flag in ruleSet.Evaluator.Configuration.Flags)
        {
            // A flag without a configuration in this environment does not exist for this key.
            if (flag.Environments.ContainsKey(ruleSet.Environment))
            {
                flags.Add(OfrepEvaluation.Evaluate(ruleSet.Evaluator, flag.Key, context, exposures, usage).Body);
            }
        }

        var body = new JsonObject { ["flags"] = flags, ["metadata"] = new JsonObject() };
        if (streamUrl is not null)
        {
            body["eventStreams"] = new JsonArray(new JsonObject { ["type"] = "sse", ["url"] = streamUrl });
        }

        return TypedResults.Bytes(OfrepEvaluation.Serialize(body), "application/json");
    }

    /// <summary>
    /// The event stream URL on the address the client called; "since" names the rule set this answer was
    /// evaluated with, so a change made before the stream opens is still announced.
    /// </summary>
    private static string EventStreamUrl(HttpRequest request, string token, RuleSet ruleSet) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, EventsPath,
            QueryString.Create(new Dictionary<string, string?> { ["token"] = token, ["since"] = OfrepRefetchEvents.EventId(ruleSet) }));

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Answer(int status, JsonObject body)
    {
        if (status >= 400)
        {
            body["status"] = status;
            body["title"] = status == StatusCodes.Status404NotFound ? "Flag not found." : "The flag could not be evaluated.";
            body["detail"] = body["errorDetails"]?.GetValue<string>();
        }

        return TypedResults.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
