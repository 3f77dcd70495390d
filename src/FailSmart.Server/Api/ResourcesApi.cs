using System.Text.Json;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
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
            group.MapGet("/", (IResourceService resources, string? tag, string? q, int? offset, int? limit, bool? includeArchived, CancellationToken ct) =>
                    ListAsync(kind, resources, tag, q, offset, limit, includeArchived, ct))
                .WithName($"List{tag}").WithSummary($"Lists {segment}, filtered by tag and by text (q), paged with offset and limit.")
                .Produces<ResourceListResponse>().ProducesValidationProblem();
            group.MapGet("/{key}", (string key, IResourceService resources, HttpContext http, CancellationToken ct) => GetAsync(kind, name, key, resources, http, ct))
                .WithName($"Get{typeName}").WithSummary($"Reads one {name}; the ETag header carries its version.")
                .Produces<ResourceResponse>().ProducesProblem(StatusCodes.Status404NotFound);
            var bodyDocs = new RequestBodyDocs(ResourceSchemas.ResourceSchemaId(kind), ResourceSchemas.Example(kind));
            group.MapPost("/", (JsonElement document, IResourceService resources, HttpContext http) => CreateAsync(kind, document, resources, http)).WithMetadata(bodyDocs)
                .WithName($"Create{typeName}").WithSummary($"Creates a {name} from its document in the configuration format.")
                .Produces<ResourceResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted);
            group.MapPut("/{key}", (string key, JsonElement document, IResourceService resources, HttpContext http) => UpdateAsync(kind, key, document, resources, http)).WithMetadata(bodyDocs)
                .WithName($"Update{typeName}").WithSummary($"Replaces a {name}. Send If-Match with the ETag you read; a stale one gets 412. An archived {name} gets 409: unarchive it first.")
                .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted);
            group.MapDelete("/{key}", (string key, IResourceService resources, HttpContext http) => ArchiveAsync(kind, key, resources, http))
                .WithName($"Archive{typeName}").WithSummary($"Archives a {name}: it leaves rule sets but stays readable and audited. Archiving an archived {name} changes nothing and answers it as it is.")
                .Produces<ResourceResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted);
            group.MapPost("/{key}/unarchive", (string key, IResourceService resources, HttpContext http) => UnarchiveAsync(kind, key, resources, http))
                .WithName($"Unarchive{typeName}").WithSummary($"Brings an archived {name} back into rule sets, validated against the whole configuration. Send If-Match with the ETag you read.")
                .Produces<ResourceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .Produces<ChangeRequestResponse>(StatusCodes.Status202Accepted);
        }

        return api;
    }

    private static async Task<IResult> ListAsync(
        ResourceKind kind, IResourceService resources, string? tag, string? q, int? offset, int? limit, bool? includeArchived, CancellationToken cancellationToken)
    {
        var request = new ResourceListRequest(kind, tag, q, includeArchived ?? false, offset, limit);
        ServiceResult<ResourcePage> result = await resources.ListAsync(request, cancellationToken);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        ResourcePage page = result.Value!;
        return TypedResults.Ok(new ResourceListResponse([.. page.Items.Select(ToResponse)], page.Total, offset ?? 0, limit ?? 50));
    }

    private static async Task<IResult> GetAsync(ResourceKind kind, string name, string key, IResourceService resources, HttpContext http, CancellationToken cancellationToken)
    {
        StoredResource? resource = await resources.GetAsync(kind, key, cancellationToken);
        if (resource is null)
        {
            return ApiProblems.NotFound(name, key);
        }

        http.Response.Headers.ETag = ETags.ForVersion(resource.Version);
        return TypedResults.Ok(ToResponse(resource));
    }

    private static async Task<IResult> CreateAsync(ResourceKind kind, JsonElement document, IResourceService resources, HttpContext http) =>
        ServiceResults.Resource(await resources.CreateAsync(ApiCaller.From(http), kind, document, http.RequestAborted), http);

    private static async Task<IResult> UpdateAsync(ResourceKind kind, string key, JsonElement document, IResourceService resources, HttpContext http)
    {
        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return BadIfMatch();
        }

        return ServiceResults.Resource(await resources.UpdateAsync(ApiCaller.From(http), kind, key, document, expected, http.RequestAborted), http);
    }

    private static async Task<IResult> ArchiveAsync(ResourceKind kind, string key, IResourceService resources, HttpContext http)
    {
        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return BadIfMatch();
        }

        return ServiceResults.Resource(await resources.ArchiveAsync(ApiCaller.From(http), kind, key, expected, http.RequestAborted), http);
    }

    private static async Task<IResult> UnarchiveAsync(ResourceKind kind, string key, IResourceService resources, HttpContext http)
    {
        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return BadIfMatch();
        }

        return ServiceResults.Resource(await resources.UnarchiveAsync(ApiCaller.From(http), kind, key, expected, http.RequestAborted), http);
    }

    private static IResult BadIfMatch() =>
        ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");

    public static ResourceResponse ToResponse(StoredResource resource) => ServiceResults.ToResponse(resource);
}
