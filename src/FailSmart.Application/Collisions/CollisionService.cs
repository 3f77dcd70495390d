using FailSmart.Application.Problems;
using FailSmart.Storage;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Collisions;

internal sealed class CollisionService(IConfigStore store) : ICollisionService
{
    public async Task<ServiceResult<IReadOnlyList<Collision>>> FindAsync(string environment, string? trial, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (!environments.Contains(environment, StringComparer.Ordinal))
        {
            return ServiceProblems.NotFound("environment", environment);
        }

        var (resources, _) = await store.SnapshotAsync(cancellationToken);
        CoreConfiguration configuration = ConfigurationOf.Build(resources) ?? CoreConfiguration.Empty;
        IReadOnlyList<Collision> found = trial is null
            ? CollisionFinder.Find(configuration, environment)
            : CollisionFinder.Find(configuration, environment, trial);
        return new ServiceResult<IReadOnlyList<Collision>>(ServiceOutcome.Unchanged, found);
    }
}
