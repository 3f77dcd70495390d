using System.Text.RegularExpressions;
using FailSmart.Storage.Events;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// Where FailSmart's tables live. On one server, the tables themselves. On a cluster, every shard holds a
/// local table (<c>exposures_local</c>, <c>metric_events_local</c>) and, under the table's own name, a
/// Distributed table over all shards' local tables, sharded by <c>cityHash64(unit_id)</c>: a unit's exposures
/// and events live on one shard, so a retried event lands beside its first copy and FINAL still removes
/// it there, and the analysis SQL reads the same names on both. The tables are created on each shard
/// in turn, because ON CLUSTER needs ZooKeeper.
/// </summary>
internal sealed partial class ClickHouseLayout
{
    private const string LocalSuffix = "_local";

    private readonly ClickHouseConnectionOptions _options;
    private readonly IReadOnlyList<ClickHouseHttp> _servers;

    public ClickHouseLayout(HttpClient client, ClickHouseConnectionOptions options)
    {
        Uri url = options.Url ?? throw new ArgumentException("Storage:Events:ClickHouse:Url is required when the provider is clickhouse.", nameof(options));
        _options = options;
        if (options.Cluster is null)
        {
            Entry = new ClickHouseHttp(client, options, url);
            _servers = [Entry];
            return;
        }

        if (!ClusterName().IsMatch(options.Cluster))
        {
            throw new StorageException(
                StorageErrorCode.Misconfigured,
                $"Storage:Events:ClickHouse:Cluster '{options.Cluster}' must be the name of a cluster in the servers' remote_servers configuration: letters, digits and underscores.");
        }

        if (options.Shards.Count == 0)
        {
            throw new StorageException(
                StorageErrorCode.Misconfigured,
                $"Storage:Events:ClickHouse:Shards must list the HTTP address of every shard of cluster '{options.Cluster}' (such as Shards:0=http://ch1:8123), so that FailSmart can create its tables on each.");
        }

        // Inserts return once every shard has written its rows, as on one server.
        Entry = new ClickHouseHttp(client, options, url, "&insert_distributed_sync=1");
        _servers = [Entry, .. options.Shards.Where(s => s != url).Distinct().Select(s => new ClickHouseHttp(client, options, s))];
    }

    /// <summary>The server that takes queries and inserts.</summary>
    public ClickHouseHttp Entry { get; }

    public bool IsCluster => _options.Cluster is not null;

    /// <summary>Creates the database on every server.</summary>
    public async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        foreach (ClickHouseHttp server in _servers)
        {
            await server.ExecuteIdempotentAsync($"CREATE DATABASE IF NOT EXISTS {_options.Database}", cancellationToken, inDatabase: false);
        }
    }

    /// <summary>Runs a schema statement: on one server as written; on a cluster for the local table on every shard, then the Distributed table over them.</summary>
    public async Task ApplyAsync(TableStatement statement, CancellationToken cancellationToken)
    {
        if (!IsCluster)
        {
            await Entry.ExecuteIdempotentAsync(statement.Sql(statement.Table), cancellationToken);
            return;
        }

        string local = statement.Table + LocalSuffix;
        foreach (ClickHouseHttp server in _servers)
        {
            await server.ExecuteIdempotentAsync(statement.Sql(local), cancellationToken);
            await server.ExecuteIdempotentAsync(
                $"CREATE TABLE IF NOT EXISTS {statement.Table} AS {local} ENGINE = Distributed({_options.Cluster}, {_options.Database}, {local}, cityHash64(unit_id))",
                cancellationToken);
        }
    }

    /// <summary>
    /// Refuses a database laid out for the other mode: IF NOT EXISTS would otherwise keep a one-server table
    /// where a cluster needs a Distributed one (every event would stay on one shard), or the other way round.
    /// </summary>
    public async Task CheckTablesAsync(IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        string names = string.Join(", ", tables.Select(ClickHouseDialect.Instance.Literal));
        foreach (ClickHouseHttp server in _servers)
        {
            IReadOnlyList<ResultRow> rows = TabSeparatedReader.Parse(await server.QueryAsync(
                $"SELECT name, engine FROM system.tables WHERE database = {ClickHouseDialect.Instance.Literal(_options.Database)} AND name IN ({names})",
                cancellationToken));
            foreach (ResultRow row in rows)
            {
                bool distributed = row.GetString(1) == "Distributed";
                if (distributed != IsCluster)
                {
                    throw new StorageException(
                        StorageErrorCode.Misconfigured,
                        IsCluster
                            ? $"The ClickHouse database '{_options.Database}' at {server.Endpoint} holds FailSmart's tables for one server ({row.GetString(0)} is {row.GetString(1)}), but Storage:Events:ClickHouse:Cluster is set. Use a new database for the cluster, or leave Cluster unset."
                            : $"The ClickHouse database '{_options.Database}' at {server.Endpoint} holds FailSmart's tables for a cluster ({row.GetString(0)} is Distributed), but Storage:Events:ClickHouse:Cluster is not set. Set Cluster and Shards as when the database was created.");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ClusterName();
}
