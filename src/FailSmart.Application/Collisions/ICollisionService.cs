using FailSmart.Application.Problems;

namespace FailSmart.Application.Collisions;

/// <summary>Which trials can reach the same units now, from the stored configuration.</summary>
public interface ICollisionService
{
    /// <summary>The collisions in an environment; only those of one trial (an experiment key or a rollout's analysis key) when given.</summary>
    Task<ServiceResult<IReadOnlyList<Collision>>> FindAsync(string environment, string? trial, CancellationToken cancellationToken = default);
}
