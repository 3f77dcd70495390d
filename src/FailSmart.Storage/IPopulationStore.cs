using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Target populations: a team's table of units per stratum (market, platform…) that an experiment's cohort is
/// compared with. Kept in the configuration store so replicas share it; the table is a JSON document the
/// application owns. Every change is audited (kind "population") and advances the configuration revision.
/// </summary>
public interface IPopulationStore
{
    /// <summary>The population with this key, or null.</summary>
    Task<PopulationRecord?> GetPopulationAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every population, by key.</summary>
    Task<IReadOnlyList<PopulationRecord>> ListPopulationsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the population or replaces its table (audited as "population.put" with before and after; version
    /// one more). A document equal to the stored one changes nothing and is not audited.
    /// </summary>
    Task<PopulationWrite> PutPopulationAsync(string key, string document, string actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the population, audited as "population.delete"; null, and nothing written, when there is none.</summary>
    Task<PopulationRecord?> DeletePopulationAsync(string key, string actor, CancellationToken cancellationToken = default);
}
