using System.Text.Json;
using FailSmart.Application.Audit;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`GET /api/v1/audit`: every change, newest first, filterable and paged by id.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", QueryAsync).WithTags("Audit").WithName("QueryAudit")
            .WithSummary("Who changed what and when, with before and after, and who approved it. Filter by kind, key, actor (exact), person (part of the actor, any case), environment and time (since, until); page with before=<id of the last entry seen>.")
            .Produces<List<AuditEntryResponse>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> QueryAsync(
        IAuditService audit, string? kind, string? key, string? actor, string? person, string? environment, DateTimeOffset? since, DateTimeOffset? until,
        long? before, int? limit, CancellationToken cancellationToken)
    {
        var query = new AuditQuery(kind, key, actor, since, before, limit ?? 50, until, environment, person);
        ServiceResult<IReadOnlyList<AuditEntry>> result = await audit.QueryAsync(query, cancellationToken);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        return TypedResults.Ok(result.Value!.Select(e => new AuditEntryResponse(
            e.Id, e.At, e.Actor, e.Action, e.Kind, e.Key, e.Environment, Parse(e.Before), Parse(e.After), e.Reason, e.Revision, e.Approver)).ToList());
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
