using FailSmart.Application.Access;
using FailSmart.Application.Demo;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Demo;

/// <summary>
/// <see cref="IDemoLoader"/>: lets an administrator load the demo into an empty configuration, one load at
/// a time, and refuses anyone else or any configuration that holds something, before writing anything.
/// </summary>
internal sealed class DemoLoader(IConfigStore config, IResourceService resources, DemoGenerator generator) : IDemoLoader, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public IReadOnlyList<PlantedEffect> PlantedEffects { get; } = DemoWorld.PlantedEffects();

    public async Task<bool> IsConfigurationEmptyAsync(CancellationToken cancellationToken = default) =>
        (await config.SnapshotAsync(cancellationToken)).Resources.Count == 0;

    public async Task<bool> IsDemoLoadedAsync(CancellationToken cancellationToken = default) =>
        await resources.GetAsync(ResourceKind.Experiment, DemoStory.NewHome, cancellationToken) is { } story && story.Tags.Contains(DemoStory.Tag);

    public async Task<ServiceResult<DemoSummary>> LoadAsync(Caller caller, int seed = DemoStory.DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Admin)
        {
            return ServiceProblems.Forbidden(
                "Only administrators may load the demo, since it writes a whole configuration. Ask an administrator, or run 'failsmart demo' for a server of your own.");
        }

        if (!await _one.WaitAsync(0, cancellationToken))
        {
            return new ServiceProblem(409, "The demo is being loaded.", "Someone started loading the demo a moment ago. Wait for it to finish, then open the home page.", []);
        }

        try
        {
            if (!await IsConfigurationEmptyAsync(cancellationToken))
            {
                return new ServiceProblem(409, "The configuration is not empty.",
                    "The demo is loaded only into an empty configuration, so it never mixes with real flags and experiments. Run 'failsmart demo' for a server of its own.", []);
            }

            DemoSummary summary = await generator.GenerateAsync(seed, cancellationToken);
            return new ServiceResult<DemoSummary>(ServiceOutcome.Created, summary);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
