using System.Text.Json;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>What every configuration write needs: the store, the validator, the caller, and the change feed.</summary>
internal sealed class WriteContext(IConfigStore store, IResourceValidator validator, ConfigChangeNotifier notifier, IHttpContextAccessor accessor)
{
    public IConfigStore Store => store;

    public HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("A write runs inside a request.");

    public CancellationToken CancellationToken => Http.RequestAborted;

    public ResourceWrite Write(ResourceKind kind, string key, JsonElement document, IReadOnlyList<string> tags, long? expectedVersion, string? environment = null) =>
        new(kind, key, WithoutTags(document), tags, expectedVersion,
            Actor.Of(Http.User), Actor.Reason(Http.Request), environment);

    // A write validated at one revision commits only at that revision; another writer getting in
    // between is rare, so a few rounds of validate-and-write settle it.
    private const int ValidatedWriteAttempts = 5;

    /// <summary>
    /// Validates the whole configuration with the change in place, then writes, both at one configuration
    /// revision: if another change commits in between, the write is refused and both steps run again.
    /// So two writes that are each valid alone (two experiments claiming the same layer buckets, say)
    /// can never together store an invalid configuration. Returns the 422 when invalid, a 409 when the
    /// configuration kept changing, or the committed (or otherwise refused) outcome.
    /// </summary>
    public async Task<(IResult? Refused, WriteOutcome? Outcome)> WriteValidatedAsync(
        Func<IReadOnlyList<StoredResource>, IResult?> validate, Func<long, Task<WriteOutcome>> write)
    {
        for (int attempt = 1; attempt <= ValidatedWriteAttempts; attempt++)
        {
            var (resources, revision) = await store.SnapshotAsync(CancellationToken);
            if (validate(resources) is { } invalid)
            {
                return (invalid, null);
            }

            WriteOutcome outcome = await write(revision);
            if (outcome.Status != WriteStatus.ConfigurationChanged)
            {
                return (null, outcome);
            }
        }

        return (ApiProblems.ConfigurationBusy(), null);
    }

    /// <summary>Null when the configuration would stay valid with this document in place; otherwise a 422.</summary>
    public IResult? ValidateAgainst(IReadOnlyList<StoredResource> resources, ResourceKind kind, string key, JsonElement document)
    {
        StoredResource[] others = [.. resources.Where(r => r.Kind != kind || r.Key != key)];
        var problems = validator.Validate(kind, document, others);
        return problems.Count == 0 ? null : ApiProblems.Invalid(problems, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Null when archiving leaves the rest valid (nothing still refers to it); otherwise a 422.</summary>
    public IResult? ValidateArchive(IReadOnlyList<StoredResource> resources, ResourceKind kind, string key)
    {
        StoredResource? target = resources.FirstOrDefault(r => r.Kind == kind && r.Key == key);
        if (target is null)
        {
            return null; // the store answers 404 for a missing one; an archived one stays archived
        }

        var problems = validator.ValidateAll([.. resources.Where(r => r != target)]);
        return problems.Count == 0
            ? null
            : ApiProblems.Invalid(
                [.. problems.Select(p => p with { Message = $"Archiving {AdoConfigStore.KindName(kind)} '{key}' would leave {p.Path.Split(':')[0]} invalid: {p.Message}" })],
                StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The document as stored: tags live in their own column, not in the rule set.</summary>
    private static string WithoutTags(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(document.GetRawText())!.AsObject();
        node.Remove("tags");
        return node.ToJsonString();
    }

    /// <summary>The resource as it is, when a write found nothing to change (archiving an archived one).</summary>
    public IResult Current(StoredResource resource)
    {
        Http.Response.Headers.ETag = ETags.ForVersion(resource.Version);
        return TypedResults.Ok(ResourcesApi.ToResponse(resource));
    }

    public IResult Committed(WriteOutcome outcome, bool created)
    {
        notifier.Publish(outcome.Revision);
        StoredResource resource = outcome.Resource!;
        Http.Response.Headers.ETag = ETags.ForVersion(resource.Version);
        var body = ResourcesApi.ToResponse(resource);
        string segment = ResourceKindRoutes.All.First(r => r.Kind == resource.Kind).Segment;
        return created ? TypedResults.Created($"/api/v1/{segment}/{resource.Key}", body) : TypedResults.Ok(body);
    }
}
