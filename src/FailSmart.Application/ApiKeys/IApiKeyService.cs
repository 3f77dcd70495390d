using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.ApiKeys;

/// <summary>API keys: list (never secrets), create (the secret once), revoke at once. Administrators only.</summary>
public interface IApiKeyService
{
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default);

    Task<ServiceResult<CreatedApiKey>> CreateAsync(Caller caller, NewApiKey request, CancellationToken cancellationToken = default);

    Task<ServiceResult<ApiKeyRecord>> RevokeAsync(Caller caller, string id, CancellationToken cancellationToken = default);
}
