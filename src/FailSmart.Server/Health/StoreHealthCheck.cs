using FailSmart.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailSmart.Server.Health;

/// <summary>Asks one store to run its trivial query.</summary>
internal sealed class StoreHealthCheck<TStore>(TStore store) : IHealthCheck
    where TStore : IStore
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        StoreHealth health = await store.CheckHealthAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["provider"] = store.Provider,
            ["schemaVersion"] = health.SchemaVersion,
        };
        return health.IsHealthy
            ? HealthCheckResult.Healthy($"The {store.Role} store answers.", data)
            : HealthCheckResult.Unhealthy($"The {store.Role} store does not answer: {health.Detail}", data: data);
    }
}
