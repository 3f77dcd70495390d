using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// A replica in memory on a shared PostgreSQL configuration store, with its own embedded event store or
/// the shared ClickHouse one. One that neither polls the revision nor listens for announcements hears of
/// another replica's writes only when it asks the store itself, which makes "a rule set up to a second
/// old" last as long as a test needs it to.
/// </summary>
internal sealed class PostgreSqlReplicaFactory(
    ReplicaStores stores, bool pollsRevision = true, bool events = false, IEnumerable<KeyValuePair<string, string>>? settings = null) : FailSmartFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            .. events ? stores.Settings : stores.Settings.Take(2),
            .. pollsRevision ? [] : new KeyValuePair<string, string>[] { new("Sync:ListenForChanges", "false") },
            .. settings ?? [],
        ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (!pollsRevision)
        {
            builder.ConfigureTestServices(services => services.Remove(
                services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.Name == "RevisionPoller")));
        }
    }
}
