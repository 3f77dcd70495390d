using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Access;
using FailSmart.Application.Approvals;
using FailSmart.Application.Collisions;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

internal sealed class ResourceService(IConfigStore store, ValidatedWriter writer, ApprovalGate approvals, CollisionGate collisions, FlagArchiveGate archives) : IResourceService
{
    public async Task<ServiceResult<ResourcePage>> ListAsync(ResourceListRequest request, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        if (request.Offset is < 0)
        {
            problems.Add(new("offset", "offset cannot be negative.", "Start at 0."));
        }

        if (request.Limit is < 1 or > 200)
        {
            problems.Add(new("limit", "limit must be between 1 and 200.", "Leave it out for 50."));
        }

        if (request.Tag is not null && !ResourceKeys.IsValid(request.Tag))
        {
            problems.Add(new("tag", $"'{request.Tag}' is not a valid tag.", "Tags are letters, digits, '.', '_', ':' or '-'."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        var query = new ResourceQuery(
            request.Kind, request.Tag, string.IsNullOrWhiteSpace(request.Text) ? null : request.Text, request.IncludeArchived, request.Offset ?? 0, request.Limit ?? 50);
        return new ServiceResult<ResourcePage>(ServiceOutcome.Unchanged, await store.ListAsync(query, cancellationToken));
    }

    public Task<StoredResource?> GetAsync(ResourceKind kind, string key, CancellationToken cancellationToken = default) =>
        store.GetAsync(kind, key, cancellationToken);

    public async Task<ServiceResult<StoredResource>> CreateAsync(Caller caller, ResourceKind kind, JsonElement document, CancellationToken cancellationToken = default)
    {
        if (ResourceAccess.MayCreate(caller, kind) is { } forbidden)
        {
            return forbidden;
        }

        if (await ReadDocumentAsync(kind, null, document, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        (string? key, IReadOnlyList<string> tags, _) = ResourceKeys.Read(document);
        string stored = ValidatedWriter.WithoutTags(document);
        (ServiceProblem? collides, caller) = await collisions.CheckAsync(
            caller, kind, key!, stored, resources => writer.ValidateAgainst(resources, kind, key!, document), cancellationToken);
        if (collides is not null)
        {
            return collides;
        }

        if (await approvals.RequestIfNeededAsync(caller, kind, key!, "create", null, stored, tags, cancellationToken) is { } pending)
        {
            return pending;
        }

        return await ApplyCreateAsync(caller, kind, key!, document, stored, tags, null, cancellationToken);
    }

    /// <summary>Validates and creates; also how an approved change request for a new resource is applied.</summary>
    internal async Task<ServiceResult<StoredResource>> ApplyCreateAsync(
        Caller caller, ResourceKind kind, string key, JsonElement document, string stored, IReadOnlyList<string> tags, string? approver, CancellationToken cancellationToken)
    {
        (ServiceProblem? refused, WriteOutcome? outcome) = await writer.WriteAsync(
            resources => writer.ValidateAgainst(resources, kind, key, document),
            revision => store.CreateAsync(Write(caller, kind, key, stored, tags, null) with { ValidatedAtRevision = revision, Approver = approver }, cancellationToken),
            cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return outcome!.Status == WriteStatus.AlreadyExists
            ? ServiceProblems.AlreadyExists(ResourceKindNames.Name(kind), key)
            : new ServiceResult<StoredResource>(ServiceOutcome.Created, outcome.Resource);
    }

    public async Task<ServiceResult<StoredResource>> UpdateAsync(
        Caller caller, ResourceKind kind, string key, JsonElement document, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!caller.CanEdit)
        {
            return ResourceAccess.ViewerRefused();
        }

        if (await ReadDocumentAsync(kind, key, document, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        (_, IReadOnlyList<string> tags, _) = ResourceKeys.Read(document);
        string stored = ValidatedWriter.WithoutTags(document);
        StoredResource? current = await store.GetAsync(kind, key, cancellationToken);
        if (current is not null && ResourceAccess.MayUpdate(caller, kind, current.Document, stored) is { } forbidden)
        {
            return forbidden;
        }

        (ServiceProblem? collides, caller) = await collisions.CheckAsync(
            caller, kind, key, stored, resources => writer.ValidateAgainst(resources, kind, key, document), cancellationToken);
        if (collides is not null)
        {
            return collides;
        }

        if (current is { Archived: false } && await approvals.RequestIfNeededAsync(caller, kind, key, "update", current, stored, tags, cancellationToken, expectedVersion) is { } pending)
        {
            return pending;
        }

        return await ApplyUpdateAsync(caller, kind, key, document, stored, tags, expectedVersion, "update", null, cancellationToken);
    }

    /// <summary>Validates and writes an update; also how an approved change request is applied.</summary>
    internal async Task<ServiceResult<StoredResource>> ApplyUpdateAsync(
        Caller caller, ResourceKind kind, string key, JsonElement document, string stored, IReadOnlyList<string> tags, long? expectedVersion,
        string action, string? approver, CancellationToken cancellationToken, string? environment = null)
    {
        (ServiceProblem? refused, WriteOutcome? outcome) = await writer.WriteAsync(
            resources => writer.ValidateAgainst(resources, kind, key, document),
            revision => store.UpdateAsync(
                Write(caller, kind, key, stored, tags, expectedVersion, environment) with { ValidatedAtRevision = revision, Approver = approver }, action, cancellationToken),
            cancellationToken);
        return refused is not null ? refused : Answer(kind, key, outcome!);
    }

    public async Task<ServiceResult<StoredResource>> ArchiveAsync(
        Caller caller, ResourceKind kind, string key, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (ResourceAccess.MayArchive(caller, kind) is { } forbidden)
        {
            return forbidden;
        }

        StoredResource? current = await store.GetAsync(kind, key, cancellationToken);
        if (current is { Archived: false })
        {
            (ServiceProblem? inUse, caller) = await archives.CheckAsync(caller, kind, key, cancellationToken);
            if (inUse is not null)
            {
                return inUse;
            }
        }

        if (current is { Archived: false } && await approvals.RequestIfNeededAsync(caller, kind, key, "archive", current, null, current.Tags, cancellationToken, expectedVersion) is { } pending)
        {
            return pending;
        }

        return await ApplyArchiveAsync(caller, kind, key, expectedVersion, null, cancellationToken);
    }

    internal async Task<ServiceResult<StoredResource>> ApplyArchiveAsync(
        Caller caller, ResourceKind kind, string key, long? expectedVersion, string? approver, CancellationToken cancellationToken)
    {
        (ServiceProblem? refused, WriteOutcome? outcome) = await writer.WriteAsync(
            resources => writer.ValidateArchive(resources, kind, key),
            revision => store.ArchiveAsync(Write(caller, kind, key, "", [], expectedVersion) with { ValidatedAtRevision = revision, Approver = approver }, cancellationToken),
            cancellationToken);
        return refused is not null ? refused : Answer(kind, key, outcome!);
    }

    public async Task<ServiceResult<StoredResource>> UnarchiveAsync(
        Caller caller, ResourceKind kind, string key, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (ResourceAccess.MayArchive(caller, kind) is { } forbidden)
        {
            return forbidden;
        }

        StoredResource? archived = await store.GetAsync(kind, key, cancellationToken);
        if (archived is null)
        {
            return ServiceProblems.NotFound(ResourceKindNames.Name(kind), key);
        }

        if (!archived.Archived)
        {
            return new ServiceResult<StoredResource>(ServiceOutcome.Unchanged, archived);
        }

        if (await approvals.RequestIfNeededAsync(caller, kind, key, "unarchive", null, archived.Document, archived.Tags, cancellationToken, expectedVersion) is { } pending)
        {
            return pending;
        }

        return await ApplyUnarchiveAsync(caller, kind, key, archived, expectedVersion, null, cancellationToken);
    }

    internal async Task<ServiceResult<StoredResource>> ApplyUnarchiveAsync(
        Caller caller, ResourceKind kind, string key, StoredResource archived, long? expectedVersion, string? approver, CancellationToken cancellationToken)
    {
        // Coming back is a write like any other: the configuration must stay valid with it in place
        // (a flag may refer to a segment archived since, an experiment may now overlap another).
        using JsonDocument document = JsonDocument.Parse(archived.Document);
        JsonElement body = document.RootElement;
        (ServiceProblem? refused, WriteOutcome? outcome) = await writer.WriteAsync(
            resources => writer.ValidateAgainst(resources, kind, key, body),
            revision => store.UnarchiveAsync(Write(caller, kind, key, "", [], expectedVersion) with { ValidatedAtRevision = revision, Approver = approver }, cancellationToken),
            cancellationToken);
        return refused is not null ? refused : Answer(kind, key, outcome!);
    }

    public async Task<ServiceResult<StoredResource>> ToggleAsync(
        Caller caller, string flagKey, string environment, bool enabled, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!caller.MayEdit(environment))
        {
            return caller.CanEdit ? ResourceAccess.EnvironmentRefused(caller, environment) : ResourceAccess.ViewerRefused();
        }

        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (!environments.Contains(environment))
        {
            return ServiceProblems.NotFound("environment", environment);
        }

        StoredResource? flag = await store.GetAsync(ResourceKind.Flag, flagKey, cancellationToken);
        if (flag is null || flag.Archived)
        {
            return ServiceProblems.NotFound("flag", flagKey);
        }

        JsonObject document = JsonNode.Parse(flag.Document)!.AsObject();
        if (document["environments"]?[environment] is not JsonObject state)
        {
            return ServiceProblems.Invalid(
                [new FieldProblem($"$.environments.{environment}", $"The flag '{flagKey}' has no state in '{environment}' to turn on or off.",
                    "Add the environment to the flag with PUT (enabled, offVariation, defaultVariation, rules) first.")],
                422);
        }

        state["enabled"] = enabled;
        string stored = document.ToJsonString();
        long? expected = expectedVersion ?? flag.Version;
        if (enabled)
        {
            (ServiceProblem? collides, caller) = await collisions.CheckAsync(caller, ResourceKind.Flag, flagKey, stored, null, cancellationToken);
            if (collides is not null)
            {
                return collides;
            }
        }

        // Turning a flag off is the kill switch: an administrator pressing it never waits for approval.
        bool killSwitch = !enabled && caller.Role == CallerRole.Admin;
        if (!killSwitch && await approvals.RequestIfNeededAsync(caller, ResourceKind.Flag, flagKey, "toggle", flag, stored, flag.Tags, cancellationToken, expected) is { } pending)
        {
            return pending;
        }

        string action = killSwitch && await approvals.RequiresApprovalAsync(environment, cancellationToken) ? "kill-switch" : "toggle";
        return await ApplyToggleAsync(caller, flagKey, environment, stored, flag.Tags, expected, action, null, cancellationToken);
    }

    internal async Task<ServiceResult<StoredResource>> ApplyToggleAsync(
        Caller caller, string flagKey, string environment, string stored, IReadOnlyList<string> tags, long? expectedVersion, string action, string? approver,
        CancellationToken cancellationToken)
    {
        WriteOutcome outcome = await store.UpdateAsync(
            Write(caller, ResourceKind.Flag, flagKey, stored, tags, expectedVersion, environment) with { Approver = approver }, action, cancellationToken);
        if (outcome.Status == WriteStatus.Committed)
        {
            writer.Publish(outcome.Revision);
        }

        return Answer(ResourceKind.Flag, flagKey, outcome);
    }

    /// <summary>Key, tags, required properties and environments of a document to write; null when all are right.</summary>
    internal async Task<ServiceProblem?> ReadDocumentAsync(ResourceKind kind, string? urlKey, JsonElement document, CancellationToken cancellationToken)
    {
        (string? key, _, List<FieldProblem> problems) = ResourceKeys.Read(document);
        if (urlKey is not null && problems.Count == 0 && !string.Equals(key, urlKey, StringComparison.Ordinal))
        {
            problems.Add(new("$.key", $"The body's key '{key}' differs from the URL's '{urlKey}'.", "Keys cannot be renamed: archive this one and create another."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        if (RequiredProperties.Missing(kind, document) is { Count: > 0 } missing)
        {
            return ServiceProblems.Invalid(missing, 422);
        }

        return await UnknownEnvironmentsAsync(kind, document, cancellationToken);
    }

    /// <summary>A flag's state for an environment that does not exist would be stored and never served: a 422 listing those that do.</summary>
    private async Task<ServiceProblem?> UnknownEnvironmentsAsync(ResourceKind kind, JsonElement document, CancellationToken cancellationToken)
    {
        if (kind != ResourceKind.Flag || !document.TryGetProperty("environments", out JsonElement states) || states.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        List<FieldProblem> problems =
        [
            .. states.EnumerateObject()
                .Where(state => !environments.Contains(state.Name, StringComparer.Ordinal))
                .Select(state => new FieldProblem(
                    Core.Targeting.JsonPathText.Property("$.environments", state.Name),
                    $"There is no environment '{state.Name}'.",
                    $"The environments are {string.Join(", ", environments)} (names are case-sensitive).")),
        ];
        return problems.Count == 0 ? null : ServiceProblems.Invalid(problems, 422);
    }

    private static ServiceResult<StoredResource> Answer(ResourceKind kind, string key, WriteOutcome outcome)
    {
        string name = ResourceKindNames.Name(kind);
        return outcome.Status switch
        {
            WriteStatus.NotFound => ServiceProblems.NotFound(name, key),
            WriteStatus.VersionConflict => ServiceProblems.StaleVersion(name, key, outcome.Resource!.Version),
            WriteStatus.Archived => ServiceProblems.Archived(name, ResourceKindNames.Segment(kind), key, outcome.Resource!.Version),
            WriteStatus.AlreadyExists => ServiceProblems.AlreadyExists(name, key),
            WriteStatus.Unchanged => new ServiceResult<StoredResource>(ServiceOutcome.Unchanged, outcome.Resource),
            _ => new ServiceResult<StoredResource>(ServiceOutcome.Changed, outcome.Resource),
        };
    }

    private static ResourceWrite Write(
        Caller caller, ResourceKind kind, string key, string document, IReadOnlyList<string> tags, long? expectedVersion, string? environment = null) =>
        new(kind, key, document, tags, expectedVersion, caller.Actor, caller.Reason, environment);
}
