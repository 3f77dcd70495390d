using FailSmart.Storage;
using FailSmart.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// A second server sharing another server's configuration store (its SQLite file), with its own data
/// folder for events, as a replica would: it learns of the other's writes only through the revision poll.
/// </summary>
public sealed class ReplicaFactory(string primaryDataPath) : FailSmartFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IConfigStore>(sp =>
            new SqliteConfigStore(DataFolder.Prepare(primaryDataPath), sp.GetRequiredService<TimeProvider>())));
    }
}
