using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.ApiKeys;

internal sealed class ApiKeyService(
    IConfigStore store, TimeProvider time, ConfigChangeNotifier notifier, IEnumerable<IApiKeyRevocationListener> listeners) : IApiKeyService
{
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default) => store.ListApiKeysAsync(cancellationToken);

    public async Task<ServiceResult<CreatedApiKey>> CreateAsync(Caller caller, NewApiKey request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators create API keys: a key acts without a person behind it.");
        }

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

        if (kind is not ApiKeyKind.Admin && request.BypassesApproval)
        {
            problems.Add(new("$.bypassesApproval", "Only admin keys write configuration, so only they can bypass approval.", "Leave bypassesApproval out for server and client keys."));
        }

        DateTimeOffset now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            problems.Add(new("$.expiresAt", "The expiry is in the past.", "Give a future time, or leave it out for a key that does not expire."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        (string secret, string id) = ApiKeySecret.Generate(kind!.Value);
        var record = new ApiKeyRecord(
            id, request.Name!.Trim(), kind.Value, request.Environment, ApiKeySecret.Hash(secret), now, request.ExpiresAt, null, null, request.BypassesApproval);
        await store.CreateApiKeyAsync(record, caller.Actor, cancellationToken);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<CreatedApiKey>(ServiceOutcome.Created, new CreatedApiKey(record, secret));
    }

    public async Task<ServiceResult<ApiKeyRecord>> RevokeAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden("Only administrators revoke API keys.");
        }

        if (!await store.RevokeApiKeyAsync(id, caller.Actor, cancellationToken))
        {
            return ServiceProblems.NotFound("active API key", id);
        }

        // Publishing the new revision makes every cached key record older than the revocation stale,
        // including one a concurrent request is caching right now.
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        foreach (IApiKeyRevocationListener listener in listeners)
        {
            listener.Revoked(id);
        }

        return new ServiceResult<ApiKeyRecord>(ServiceOutcome.Changed, await store.GetApiKeyAsync(id, cancellationToken));
    }
}
