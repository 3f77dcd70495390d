using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Environments;

/// <summary>Environments and their approval policy. Changing them is for administrators.</summary>
public interface IEnvironmentService
{
    Task<IReadOnlyList<EnvironmentRecord>> ListAsync(CancellationToken cancellationToken = default);

    Task<ServiceResult<EnvironmentRecord>> CreateAsync(Caller caller, string? key, string? name, CancellationToken cancellationToken = default);

    /// <summary>Turns "changes here need approval" on or off.</summary>
    Task<ServiceResult<EnvironmentRecord>> SetApprovalAsync(Caller caller, string key, bool requiresApproval, CancellationToken cancellationToken = default);
}
