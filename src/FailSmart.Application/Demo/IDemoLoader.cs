using FailSmart.Application.Access;
using FailSmart.Application.Problems;

namespace FailSmart.Application.Demo;

/// <summary>
/// Fills an empty configuration with the demo: a simulated product with 30 days of history whose effects
/// are known, written through the same services and import path as any client's, so the pages show what
/// FailSmart shows for real data. `failsmart demo` and the home page's "Load demo data" both call it.
/// </summary>
public interface IDemoLoader
{
    /// <summary>Whether the configuration holds no flags, segments, experiments, layers, holdouts or metrics, so the demo may be loaded.</summary>
    Task<bool> IsConfigurationEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the configuration holds the demo (its story experiment exists).</summary>
    Task<bool> IsDemoLoadedAsync(CancellationToken cancellationToken = default);

    /// <summary>The true effect of each demo treatment on each metric, as the simulation plants it.</summary>
    IReadOnlyList<PlantedEffect> PlantedEffects { get; }

    /// <summary>
    /// Generates the demo as <paramref name="caller"/>, who must be an administrator, into an empty
    /// configuration; refused (403, 409) otherwise and then nothing is written.
    /// </summary>
    Task<ServiceResult<DemoSummary>> LoadAsync(Caller caller, int seed = DemoStory.DefaultSeed, CancellationToken cancellationToken = default);
}
