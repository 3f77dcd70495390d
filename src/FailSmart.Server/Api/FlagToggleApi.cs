using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Api;

/// <summary>`POST /api/v1/flags/{key}/environments/{environment}/toggle`: the kill switch, one audited call.</summary>
internal static class FlagToggleApi
{
    public static RouteGroupBuilder MapFlagToggleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/flags/{key}/environments/{environment}/toggle", ToggleAsync).WithTags("Flags").WithName("ToggleFlag").WithMetadata(StrictJsonBody.For<FlagToggleRequest>("enabled"))
            .WithMetadata(new RequestBodyDocs(nameof(FlagToggleRequest), """{"enabled": false, "reason": "Checkout errors are up; turning the new flow off."}"""))
            .WithSummary("Turns a flag on or off in one environment. Audited as 'toggle' with the environment and your X-Change-Reason or reason. Where the environment requires approval, turning a flag on becomes a change request (202); turning it off is the kill switch and applies at once, audited as 'kill-switch'.")
            .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted);
        return api;
    }

    private static async Task<IResult> ToggleAsync(string key, string environment, FlagToggleRequest request, IResourceService resources, HttpContext http)
    {
        if (request.Enabled is not bool enabled)
        {
            return ApiProblems.Invalid("$.enabled", "enabled (true or false) is required.", "Send {\"enabled\": false} to turn the flag off.");
        }

        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read, or leave it out.");
        }

        var caller = ApiCaller.From(http, request.Reason);
        return ServiceResults.Resource(await resources.ToggleAsync(caller, key, environment, enabled, expected, http.RequestAborted), http);
    }
}
