using FailSmart.Storage;
using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;
using FailSmart.Storage.PostgreSql;
using FailSmart.Storage.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Hosting;

/// <summary>Registers the stores chosen by configuration and prepares them before the server listens.</summary>
internal static class StoreServiceCollectionExtensions
{
    private const int MinPoolThreadsWithSqlite = 32;

    public static IServiceCollection AddFailSmartStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmbeddedDataFolder>();
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedDataFolder>().Folder);
        services.AddOptions<ConfigStoreOptions>().BindConfiguration(ConfigStoreOptions.SectionName)
            .Validate(o => o.Provider is "sqlite" or "postgresql", "Storage:Config:Provider must be 'sqlite' or 'postgresql'.")
            .Validate(o => o.Provider != "postgresql" || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:Config:ConnectionString is required when Storage:Config:Provider is 'postgresql'.")
            .ValidateOnStart();

        // Bound eagerly: the provider decides which type is registered, so it must be known now.
        EventStoreOptions events = configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>() ?? new EventStoreOptions();
        services.AddSingleton<IConfigStore>(sp =>
        {
            ConfigStoreOptions options = sp.GetRequiredService<IOptions<ConfigStoreOptions>>().Value;
            if (options.Provider == "postgresql")
            {
                return new PostgreSqlConfigStore(options.ConnectionString!, sp.GetRequiredService<TimeProvider>());
            }

            // SQLite waits for its write lock by sleeping on the calling thread. With the rollout engine, the
            // scheduler and the webhook dispatcher writing beside requests, a two-core machine's few pool threads
            // can all be asleep there while the lock holder's continuation waits for a thread, stalling every write
            // until the busy timeout. A floor of pool threads keeps the holder able to finish.
            ThreadPool.GetMinThreads(out int workers, out int completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreadsWithSqlite), completionPorts);
            return new SqliteConfigStore(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<TimeProvider>());
        });
        // Accounts live in the configuration store, so they follow its provider.
        services.AddSingleton(sp => (IAccountStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IChangeRequestStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IRolloutStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IResultStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IFeatureStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (ILearningStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (ILedgerStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IKeyRingStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IPopulationStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton<IEventStore>(sp => events.Provider switch
        {
            EventStoreOptions.DuckDb => new DuckDbEventStore(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<TimeProvider>()),
            EventStoreOptions.ClickHouseProvider => new ClickHouseEventStore(events.ClickHouse, sp.GetRequiredService<TimeProvider>()),
            _ => throw new InvalidOperationException($"Storage:Events:Provider must be 'duckdb' or 'clickhouse', not '{events.Provider}'."),
        });
        services.AddHostedService<StoreInitializer>();

        // After the store initializer, so the framework's start-up read of the key ring finds its table. One
        // application name on every replica: the default would be each one's content root.
        services.AddDataProtection().SetApplicationName("FailSmart");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new StoredKeyRing(sp.GetRequiredService<IKeyRingStore>())));
        return services;
    }
}
