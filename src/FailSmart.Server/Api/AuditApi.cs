using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`GET /api/v1/audit`: every change, newest first, filterable and paged by id.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", QueryAsync).WithTags("Audit").WithName("QueryAudit")
            .WithSummary("Who changed what and when, with before and after. Page with before=<id of the last entry seen>.")
            .Produces<List<AuditEntryResponse>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> QueryAsync(
        IConfigStore store, string? kind, string? key, string? actor, DateTimeOffset? since, long? before, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return ApiProblems.Invalid("limit", $"limit must be between 1 and 500, not {limit}.", "Leave it out for 50.");
        }

        IReadOnlyList<AuditEntry> entries = await store.QueryAuditAsync(new AuditQuery(kind, key, actor, since, before, limit ?? 50), cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AuditEntryResponse(
            e.Id, e.At, e.Actor, e.Action, e.Kind, e.Key, e.Environment, Parse(e.Before), Parse(e.After), e.Reason, e.Revision)).ToList());
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
