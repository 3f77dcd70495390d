namespace FailSmart.Application.Rollouts;

/// <summary>Runs guarded rollouts: each look finds every guarded rule, reads its stage's numbers, asks the policy and applies its move.</summary>
public interface IRolloutEngine
{
    /// <summary>
    /// Looks once at every guarded rollout, if this replica holds (or takes) the engine's lease; otherwise
    /// does nothing. Safe to run again at any moment: each move is a compare-and-set on the rollout's state.
    /// </summary>
    Task<RolloutLookResult> LookAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one look did.</summary>
/// <param name="Leader">Whether this replica held the lease and looked.</param>
/// <param name="Rollouts">Guarded rollouts found.</param>
/// <param name="Transitions">Moves committed.</param>
public sealed record RolloutLookResult(bool Leader, int Rollouts, int Transitions);
