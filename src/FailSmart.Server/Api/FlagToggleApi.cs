using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`POST /api/v1/flags/{key}/environments/{environment}/toggle`: the kill switch, one audited call.</summary>
internal static class FlagToggleApi
{
    public static RouteGroupBuilder MapFlagToggleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/flags/{key}/environments/{environment}/toggle", ToggleAsync).WithTags("Flags").WithName("ToggleFlag").WithMetadata(StrictJsonBody.For<FlagToggleRequest>("enabled"))
            .WithMetadata(new RequestBodyDocs(nameof(FlagToggleRequest), """{"enabled": false, "reason": "Checkout errors are up; turning the new flow off."}"""))
            .WithSummary("Turns a flag on or off in one environment. Audited as 'toggle' with the environment and your X-Change-Reason or reason.")
            .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ToggleAsync(string key, string environment, FlagToggleRequest request, WriteContext context)
    {
        if (request.Enabled is not bool enabled)
        {
            return ApiProblems.Invalid("$.enabled", "enabled (true or false) is required.", "Send {\"enabled\": false} to turn the flag off.");
        }

        if (!ETags.TryReadIfMatch(context.Http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read, or leave it out.");
        }

        IReadOnlyList<string> environments = await context.Store.ListEnvironmentKeysAsync(context.CancellationToken);
        if (!environments.Contains(environment))
        {
            return ApiProblems.NotFound("environment", environment);
        }

        StoredResource? flag = await context.Store.GetAsync(ResourceKind.Flag, key, context.CancellationToken);
        if (flag is null || flag.Archived)
        {
            return ApiProblems.NotFound("flag", key);
        }

        JsonObject document = JsonNode.Parse(flag.Document)!.AsObject();
        if (document["environments"]?[environment] is not JsonObject state)
        {
            return ApiProblems.Invalid(
                [new FieldProblem($"$.environments.{environment}", $"The flag '{key}' has no state in '{environment}' to turn on or off.",
                    "Add the environment to the flag with PUT (enabled, offVariation, defaultVariation, rules) first.")],
                StatusCodes.Status422UnprocessableEntity);
        }

        state["enabled"] = enabled;
        using JsonDocument updated = JsonDocument.Parse(document.ToJsonString());
        ResourceWrite write = context.Write(ResourceKind.Flag, key, updated.RootElement, flag.Tags, expected ?? flag.Version, environment) with
        {
            Reason = request.Reason ?? Actor.Reason(context.Http.Request),
        };
        WriteOutcome outcome = await context.Store.UpdateAsync(write, "toggle", context.CancellationToken);
        return outcome.Status switch
        {
            WriteStatus.NotFound => ApiProblems.NotFound("flag", key),
            WriteStatus.VersionConflict => ApiProblems.StaleVersion("flag", key, outcome.Resource!.Version),
            _ => context.Committed(outcome, created: false),
        };
    }
}
