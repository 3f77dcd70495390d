using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Hosting;

/// <summary>Registers the stores chosen by configuration and prepares them before the server listens.</summary>
internal static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartStores(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DataFolder.Prepare(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath));
        services.AddSingleton<IConfigStore>(sp => new SqliteConfigStore(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventStore>(sp => new DuckDbEventStore(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<StoreInitializer>();
        return services;
    }
}
