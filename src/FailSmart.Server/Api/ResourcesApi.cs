using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>
/// `/api/v1/{flags|segments|experiments|layers|holdouts|metrics}`: create, read, update and archive,
/// each validated against the whole configuration, versioned with ETag/If-Match, and audited.
/// </summary>
internal static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this RouteGroupBuilder api)
    {
        foreach ((ResourceKind kind, string segment, string name) in ResourceKindRoutes.All)
        {
            string tag = char.ToUpperInvariant(segment[0]) + segment[1..];
            string typeName = char.ToUpperInvariant(name[0]) + name[1..].Replace(" definition", "", StringComparison.Ordinal);
            RouteGroupBuilder group = api.MapGroup("/" + segment).WithTags(tag);
            group.MapGet("/", (IConfigStore store, string? tag, string? q, int? offset, int? limit, bool? includeArchived, CancellationToken ct) =>
                    ListAsync(kind, store, tag, q, offset, limit, includeArchived, ct))
                .WithName($"List{tag}").WithSummary($"Lists {segment}, filtered by tag and by text (q), paged with offset and limit.")
                .Produces<ResourceListResponse>().ProducesValidationProblem();
            group.MapGet("/{key}", (string key, IConfigStore store, HttpContext http, CancellationToken ct) => GetAsync(kind, name, key, store, http, ct))
                .WithName($"Get{typeName}").WithSummary($"Reads one {name}; the ETag header carries its version.")
                .Produces<ResourceResponse>().ProducesProblem(StatusCodes.Status404NotFound);
            var bodyDocs = new RequestBodyDocs(RequestBodySchemas.ResourceSchemaId(kind), RequestBodySchemas.Example(kind));
            group.MapPost("/", (JsonElement document, WriteContext context) => CreateAsync(kind, name, document, context)).WithMetadata(bodyDocs)
                .WithName($"Create{typeName}").WithSummary($"Creates a {name} from its document in the configuration format.")
                .Produces<ResourceResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
            group.MapPut("/{key}", (string key, JsonElement document, WriteContext context) => UpdateAsync(kind, name, key, document, context)).WithMetadata(bodyDocs)
                .WithName($"Update{typeName}").WithSummary($"Replaces a {name}. Send If-Match with the ETag you read; a stale one gets 412. An archived {name} gets 409: unarchive it first.")
                .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
            group.MapDelete("/{key}", (string key, WriteContext context) => ArchiveAsync(kind, name, key, context))
                .WithName($"Archive{typeName}").WithSummary($"Archives a {name}: it leaves rule sets but stays readable and audited. Archiving an archived {name} changes nothing and answers it as it is.")
                .Produces<ResourceResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
            group.MapPost("/{key}/unarchive", (string key, WriteContext context) => UnarchiveAsync(kind, name, segment, key, context))
                .WithName($"Unarchive{typeName}").WithSummary($"Brings an archived {name} back into rule sets, validated against the whole configuration. Send If-Match with the ETag you read.")
                .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        return api;
    }

    private static async Task<IResult> ListAsync(
        ResourceKind kind, IConfigStore store, string? tag, string? q, int? offset, int? limit, bool? includeArchived, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (offset is < 0)
        {
            problems.Add(new("offset", "offset cannot be negative.", "Start at 0."));
        }

        if (limit is < 1 or > 200)
        {
            problems.Add(new("limit", "limit must be between 1 and 200.", "Leave it out for 50."));
        }

        if (tag is not null && !ResourceKeys.IsValid(tag))
        {
            problems.Add(new("tag", $"'{tag}' is not a valid tag.", "Tags are letters, digits, '.', '_', ':' or '-'."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        var query = new ResourceQuery(kind, tag, string.IsNullOrWhiteSpace(q) ? null : q, includeArchived ?? false, offset ?? 0, limit ?? 50);
        ResourcePage page = await store.ListAsync(query, cancellationToken);
        return TypedResults.Ok(new ResourceListResponse([.. page.Items.Select(ToResponse)], page.Total, query.Offset, query.Limit));
    }

    private static async Task<IResult> GetAsync(ResourceKind kind, string name, string key, IConfigStore store, HttpContext http, CancellationToken cancellationToken)
    {
        StoredResource? resource = await store.GetAsync(kind, key, cancellationToken);
        if (resource is null)
        {
            return ApiProblems.NotFound(name, key);
        }

        http.Response.Headers.ETag = ETags.ForVersion(resource.Version);
        return TypedResults.Ok(ToResponse(resource));
    }

    private static async Task<IResult> CreateAsync(ResourceKind kind, string name, JsonElement document, WriteContext context)
    {
        (string? key, IReadOnlyList<string> tags, List<FieldProblem> problems) = ResourceKeys.Read(document);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        if (RequiredProperties.Missing(kind, document) is { Count: > 0 } missing)
        {
            return ApiProblems.Invalid(missing, StatusCodes.Status422UnprocessableEntity);
        }

        if (await UnknownEnvironmentsAsync(kind, document, context) is { } unknownEnvironments)
        {
            return unknownEnvironments;
        }

        (IResult? refused, WriteOutcome? outcome) = await context.WriteValidatedAsync(
            resources => context.ValidateAgainst(resources, kind, key!, document),
            revision => context.Store.CreateAsync(context.Write(kind, key!, document, tags, null) with { ValidatedAtRevision = revision }, context.CancellationToken));
        if (refused is not null)
        {
            return refused;
        }

        if (outcome!.Status == WriteStatus.AlreadyExists)
        {
            return ApiProblems.AlreadyExists(name, key!);
        }

        return context.Committed(outcome, created: true);
    }

    private static async Task<IResult> UpdateAsync(ResourceKind kind, string name, string key, JsonElement document, WriteContext context)
    {
        if (!ETags.TryReadIfMatch(context.Http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");
        }

        (string? bodyKey, IReadOnlyList<string> tags, List<FieldProblem> problems) = ResourceKeys.Read(document);
        if (problems.Count == 0 && !string.Equals(bodyKey, key, StringComparison.Ordinal))
        {
            problems.Add(new("$.key", $"The body's key '{bodyKey}' differs from the URL's '{key}'.", "Keys cannot be renamed: archive this one and create another."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        if (RequiredProperties.Missing(kind, document) is { Count: > 0 } missing)
        {
            return ApiProblems.Invalid(missing, StatusCodes.Status422UnprocessableEntity);
        }

        if (await UnknownEnvironmentsAsync(kind, document, context) is { } unknownEnvironments)
        {
            return unknownEnvironments;
        }

        (IResult? refused, WriteOutcome? outcome) = await context.WriteValidatedAsync(
            resources => context.ValidateAgainst(resources, kind, key, document),
            revision => context.Store.UpdateAsync(context.Write(kind, key, document, tags, expected) with { ValidatedAtRevision = revision }, "update", context.CancellationToken));
        if (refused is not null)
        {
            return refused;
        }

        return outcome!.Status switch
        {
            WriteStatus.NotFound => ApiProblems.NotFound(name, key),
            WriteStatus.VersionConflict => ApiProblems.StaleVersion(name, key, outcome.Resource!.Version),
            WriteStatus.Archived => ApiProblems.ArchivedResource(name, ResourceKindRoutes.All.First(r => r.Kind == kind).Segment, key, outcome.Resource!.Version),
            _ => context.Committed(outcome, created: false),
        };
    }

    private static async Task<IResult> ArchiveAsync(ResourceKind kind, string name, string key, WriteContext context)
    {
        if (!ETags.TryReadIfMatch(context.Http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");
        }

        (IResult? refused, WriteOutcome? outcome) = await context.WriteValidatedAsync(
            resources => context.ValidateArchive(resources, kind, key),
            revision => context.Store.ArchiveAsync(context.Write(kind, key, default, [], expected) with { ValidatedAtRevision = revision }, context.CancellationToken));
        if (refused is not null)
        {
            return refused;
        }

        return outcome!.Status switch
        {
            WriteStatus.NotFound => ApiProblems.NotFound(name, key),
            WriteStatus.VersionConflict => ApiProblems.StaleVersion(name, key, outcome.Resource!.Version),
            WriteStatus.Unchanged => context.Current(outcome.Resource!),
            _ => context.Committed(outcome, created: false),
        };
    }

    private static async Task<IResult> UnarchiveAsync(ResourceKind kind, string name, string segment, string key, WriteContext context)
    {
        if (!ETags.TryReadIfMatch(context.Http.Request, out long? expected))
        {
            return ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");
        }

        StoredResource? archived = await context.Store.GetAsync(kind, key, context.CancellationToken);
        if (archived is null)
        {
            return ApiProblems.NotFound(name, key);
        }

        if (!archived.Archived)
        {
            return context.Current(archived);
        }

        // Coming back is a write like any other: the configuration must stay valid with it in place
        // (a flag may refer to a segment archived since, an experiment may now overlap another).
        using JsonDocument document = JsonDocument.Parse(archived.Document);
        JsonElement body = document.RootElement;
        (IResult? refused, WriteOutcome? outcome) = await context.WriteValidatedAsync(
            resources => context.ValidateAgainst(resources, kind, key, body),
            revision => context.Store.UnarchiveAsync(context.Write(kind, key, default, [], expected) with { ValidatedAtRevision = revision }, context.CancellationToken));
        if (refused is not null)
        {
            return refused;
        }

        return outcome!.Status switch
        {
            WriteStatus.NotFound => ApiProblems.NotFound(name, key),
            WriteStatus.VersionConflict => ApiProblems.StaleVersion(name, key, outcome.Resource!.Version),
            WriteStatus.Unchanged => context.Current(outcome.Resource!),
            _ => context.Committed(outcome, created: false),
        };
    }

    /// <summary>A flag's state for an environment that does not exist would be stored and never served: a 422 listing those that do.</summary>
    private static async Task<IResult?> UnknownEnvironmentsAsync(ResourceKind kind, JsonElement document, WriteContext context)
    {
        if (kind != ResourceKind.Flag || !document.TryGetProperty("environments", out JsonElement states) || states.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        IReadOnlyList<string> environments = await context.Store.ListEnvironmentKeysAsync(context.CancellationToken);
        List<FieldProblem> problems =
        [
            .. states.EnumerateObject()
                .Where(state => !environments.Contains(state.Name, StringComparer.Ordinal))
                .Select(state => new FieldProblem(
                    Core.Targeting.JsonPathText.Property("$.environments", state.Name),
                    $"There is no environment '{state.Name}'.",
                    $"The environments are {string.Join(", ", environments)} (names are case-sensitive)."))
        ];
        return problems.Count == 0 ? null : ApiProblems.Invalid(problems, StatusCodes.Status422UnprocessableEntity);
    }

    public static ResourceResponse ToResponse(StoredResource resource)
    {
        using JsonDocument parsed = JsonDocument.Parse(resource.Document);
        return new ResourceResponse(
            AdoConfigStore.KindName(resource.Kind), resource.Key, resource.Version, resource.Archived, resource.Tags, resource.UpdatedAt, parsed.RootElement.Clone());
    }
}
