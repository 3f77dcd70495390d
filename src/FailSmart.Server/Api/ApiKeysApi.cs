using System.Security.Claims;
using FailSmart.Protocol.Admin;
using FailSmart.Server.Auth;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/api-keys`: create (secret shown once), list, revoke.</summary>
internal static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("Every key, newest first, without secrets.");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithMetadata(StrictJsonBody.For<ApiKeyCreateRequest>("name", "kind"))
            .WithMetadata(new RequestBodyDocs(nameof(ApiKeyCreateRequest), """{"name": "checkout-service production", "kind": "server", "environment": "production"}""")).WithSummary("Creates a key; the secret is in this answer only.")
            .Produces<ApiKeyCreatedResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revokes a key at once.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(IConfigStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListApiKeysAsync(cancellationToken)).Select(ToResponse).ToList());

    private static async Task<IResult> CreateAsync(ApiKeyCreateRequest request, IConfigStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            problems.Add(new("$.name", "A name of 1 to 100 characters is required.", "Name the key after what uses it, for example 'checkout-service production'."));
        }

        ApiKeyKind? kind = request.Kind?.ToLowerInvariant() switch
        {
            "admin" => ApiKeyKind.Admin,
            "server" => ApiKeyKind.Server,
            "client" => ApiKeyKind.Client,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(new("$.kind", $"'{request.Kind}' is not a key kind.", "Use 'admin', 'server' or 'client'."));
        }

        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (kind is ApiKeyKind.Server or ApiKeyKind.Client && (request.Environment is null || !environments.Contains(request.Environment)))
        {
            problems.Add(new("$.environment", $"'{request.Environment}' is not an environment.", $"Server and client keys read one environment: one of {string.Join(", ", environments)}."));
        }

        if (kind is ApiKeyKind.Admin && request.Environment is not null)
        {
            problems.Add(new("$.environment", "Admin keys are not tied to an environment.", "Leave environment out for an admin key."));
        }

        DateTimeOffset now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            problems.Add(new("$.expiresAt", "The expiry is in the past.", "Give a future time, or leave it out for a key that does not expire."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        (string secret, string id) = ApiKeySecret.Generate(kind!.Value);
        var record = new ApiKeyRecord(id, request.Name!.Trim(), kind.Value, request.Environment, ApiKeySecret.Hash(secret), now, request.ExpiresAt, null, null);
        await store.CreateApiKeyAsync(record, Actor.Of(user), cancellationToken);
        return TypedResults.Created($"/api/v1/api-keys/{id}", new ApiKeyCreatedResponse(ToResponse(record), secret));
    }

    private static async Task<IResult> RevokeAsync(
        string id, IConfigStore store, ApiKeyCache keys, ConfigChangeNotifier notifier, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await store.RevokeApiKeyAsync(id, Actor.Of(user), cancellationToken))
        {
            return ApiProblems.NotFound("active API key", id);
        }

        // Publishing the new revision makes every cached key record older than the revocation stale,
        // including one a concurrent request is caching right now.
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        keys.Invalidate(id);
        return TypedResults.NoContent();
    }

    private static ApiKeyResponse ToResponse(ApiKeyRecord key) =>
        new(key.Id, key.Name, key.Kind.ToString().ToLowerInvariant(), key.Environment, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt);
}
