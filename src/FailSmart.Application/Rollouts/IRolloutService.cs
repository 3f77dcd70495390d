using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>What people see of guarded rollouts and what they may tell them, for the API and the web UI alike.</summary>
public interface IRolloutService
{
    /// <summary>Every rollout, optionally only in one environment or one status, ordered by environment, flag and rule.</summary>
    Task<IReadOnlyList<RolloutView>> ListAsync(string? environment = null, RolloutStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>One rollout with its ladder, last readings and history; null when there is none.</summary>
    Task<RolloutView?> GetAsync(RolloutKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Carries out a person's command. The caller must be an editor of the rollout's environment and give a
    /// reason (<see cref="Caller.Reason"/>); a command that does not apply in the rollout's status is refused
    /// (409) and changes nothing. Not a change request: the plan was approved when it was written.
    /// </summary>
    Task<ServiceResult<RolloutView>> RunAsync(Caller caller, RolloutKey key, RolloutCommand command, CancellationToken cancellationToken = default);
}
