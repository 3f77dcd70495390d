using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Server.Auth;
using FailSmart.Server.Sync;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol: any OpenFeature SDK evaluates FailSmart flags with a client
/// or server key. Error bodies follow OFREP (key, errorCode, errorDetails); they also carry ProblemDetails'
/// status and title, so they read the same as every other FailSmart error.
/// </summary>
internal static class OfrepApi
{
    private static readonly Api.RequestBodyDocs s_bodyDocs = new(Api.RequestBodySchemas.OfrepRequest, Api.RequestBodySchemas.OfrepExample);

    public static IEndpointRouteBuilder MapOfrepApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder ofrep = endpoints.MapGroup("/ofrep/v1").WithTags("OpenFeature (OFREP)")
            .RequireAuthorization(FailSmartPolicies.Evaluate)
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

    private static async Task<IResult> EvaluateOneAsync(string key, HttpContext http, RuleSetCache cache, Events.ExposureRecorder exposures, CancellationToken cancellationToken)
    {
        OfrepRead context = OfrepContext.Read(await ReadBodyAsync(http.Request, cancellationToken));
        if (context.ErrorCode is not null)
        {
            return Answer(StatusCodes.Status400BadRequest, OfrepEvaluation.Failure(key, context.ErrorCode, context.ErrorDetails!));
        }

        RuleSet ruleSet = await cache.GetAsync(SdkSyncApi.EnvironmentOf(http.User), cancellationToken);
        (int status, JsonObject body) = OfrepEvaluation.Evaluate(ruleSet.Evaluator, key, context, exposures);
        return Answer(status, body);
    }

    private static async Task<IResult> EvaluateAllAsync(HttpContext http, RuleSetCache cache, Events.ExposureRecorder exposures, CancellationToken cancellationToken)
    {
        byte[] raw = await ReadBodyAsync(http.Request, cancellationToken);
        OfrepRead context = OfrepContext.Read(raw);
        if (context.ErrorCode is not null)
        {
            return Answer(StatusCodes.Status400BadRequest, new JsonObject { ["errorCode"] = context.ErrorCode, ["errorDetails"] = context.ErrorDetails });
        }

        RuleSet ruleSet = await cache.GetAsync(SdkSyncApi.EnvironmentOf(http.User), cancellationToken);
        // The answer depends only on the rule set and the context, so both name it.
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(ruleSet.ETag), .. raw]))[..32] + "\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var flags = new JsonArray();
        foreach (Core.Model.Flag flag in ruleSet.Evaluator.Configuration.Flags)
        {
            flags.Add(OfrepEvaluation.Evaluate(ruleSet.Evaluator, flag.Key, context, exposures).Body);
        }

        return TypedResults.Bytes(OfrepEvaluation.Serialize(new JsonObject { ["flags"] = flags, ["metadata"] = new JsonObject() }), "application/json");
    }

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
