using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Guarded rollouts' state and the leases that elect the one replica whose engine looks. Kept in the
/// configuration store so that a transition, the flag it moves and its audit entry commit together.
/// </summary>
public interface IRolloutStore
{
    /// <summary>Every rollout's state, ordered by environment, flag and rule.</summary>
    Task<IReadOnlyList<RolloutState>> ListRolloutsAsync(CancellationToken cancellationToken = default);

    /// <summary>One rollout's state, or null.</summary>
    Task<RolloutState?> GetRolloutAsync(RolloutKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a move in one transaction: the state if its version is still the one read (or, for version 0,
    /// if no state exists yet), the flag write if given (at its expected version and validated revision), an
    /// audit entry (kind "flag", the flag key, the environment, the reason, the flag before and after) and a
    /// new revision. Nothing is written unless all of it is.
    /// </summary>
    Task<RolloutTransitionOutcome> TransitionRolloutAsync(RolloutTransition transition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a look that moved nothing (the decision, reason and numbers), compare-and-set on the version;
    /// null when the version moved. Not audited and no new revision: nothing anyone is served changed.
    /// </summary>
    Task<RolloutState?> RecordLookAsync(RolloutState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until
    /// <paramref name="expiresAt"/>: true when it was free, expired at <paramref name="now"/>, or already
    /// held by <paramref name="holder"/>. Of two replicas asking at once, at most one gets it.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="holder"/> holds it, so another replica need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default);
}
