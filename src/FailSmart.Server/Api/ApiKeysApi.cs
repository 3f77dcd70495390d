using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
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

    private static async Task<IResult> ListAsync(IApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(cancellationToken)).Select(ToResponse).ToList());

    private static async Task<IResult> CreateAsync(ApiKeyCreateRequest request, IApiKeyService keys, HttpContext http)
    {
        var input = new NewApiKey(request.Name, request.Kind, request.Environment, request.ExpiresAt, request.BypassesApproval ?? false);
        ServiceResult<CreatedApiKey> result = await keys.CreateAsync(ApiCaller.From(http), input, http.RequestAborted);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        CreatedApiKey created = result.Value!;
        return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", new ApiKeyCreatedResponse(ToResponse(created.Key), created.Secret));
    }

    private static async Task<IResult> RevokeAsync(string id, IApiKeyService keys, HttpContext http)
    {
        ServiceResult<ApiKeyRecord> result = await keys.RevokeAsync(ApiCaller.From(http), id, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.NoContent();
    }

    private static ApiKeyResponse ToResponse(ApiKeyRecord key) =>
        new(key.Id, key.Name, key.Kind.ToString().ToLowerInvariant(), key.Environment, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt, key.BypassesApproval);
}
