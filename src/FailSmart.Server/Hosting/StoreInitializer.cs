using FailSmart.Storage;

namespace FailSmart.Server.Hosting;

/// <summary>
/// Creates or upgrades every store at start-up. Hosted services start before Kestrel listens, so the
/// server never answers a request against a store that is not ready, and a bad data folder stops
/// start-up with one clear message.
/// </summary>
internal sealed class StoreInitializer(IServiceProvider services, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Creating an embedded store prepares the data folder first, so a bad folder is the first error.
        IStore[] stores = [services.GetRequiredService<IConfigStore>(), services.GetRequiredService<IEventStore>()];
        if (services.GetRequiredService<EmbeddedDataFolder>().UsedOrNull is { } folder)
        {
            ServerLog.UsingDataFolder(logger, folder.Path);
        }

        foreach (IStore store in stores)
        {
            int version = await store.InitializeAsync(cancellationToken);
            ServerLog.StoreReady(logger, store.Role, store.Provider, version);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ServerLog.Stopping(logger);
        return Task.CompletedTask;
    }
}
