using System.Text.Json;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>Turns application service answers into HTTP answers: the value with its ETag, a 202 for a change request, or ProblemDetails.</summary>
internal static class ServiceResults
{
    public static IResult Resource(ServiceResult<StoredResource> result, HttpContext http)
    {
        switch (result.Outcome)
        {
            case ServiceOutcome.Refused:
                return ApiProblems.From(result.Problem!);
            case ServiceOutcome.PendingApproval:
                return TypedResults.Accepted($"/api/v1/change-requests/{result.Request!.Id}", ChangeRequest(result.Request));
            default:
                StoredResource resource = result.Value!;
                http.Response.Headers.ETag = ETags.ForVersion(resource.Version);
                ResourceResponse body = ToResponse(resource);
                return result.Outcome == ServiceOutcome.Created
                    ? TypedResults.Created($"/api/v1/{ResourceKindNames.Segment(resource.Kind)}/{resource.Key}", body)
                    : TypedResults.Ok(body);
        }
    }

    public static ResourceResponse ToResponse(StoredResource resource)
    {
        using JsonDocument parsed = JsonDocument.Parse(resource.Document);
        return new ResourceResponse(
            AdoConfigStore.KindName(resource.Kind), resource.Key, resource.Version, resource.Archived, resource.Tags, resource.UpdatedAt, parsed.RootElement.Clone());
    }

    public static ChangeRequestResponse ChangeRequest(ChangeRequest request)
    {
        JsonElement? document = null;
        if (request.Document is { Length: > 0 } text)
        {
            using JsonDocument parsed = JsonDocument.Parse(text);
            document = parsed.RootElement.Clone();
        }

        return new ChangeRequestResponse(
            request.Id, AdoConfigStore.KindName(request.Kind), request.Key, request.Environment, request.Action, request.BaseVersion, document,
            request.Tags, request.Author, request.Reason, request.Status.ToString().ToLowerInvariant(), request.CreatedAt, request.DecidedBy,
            request.DecidedAt, request.DecisionNote, request.AppliedRevision);
    }
}
