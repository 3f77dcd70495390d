namespace FailSmart.Storage.Events;

/// <summary>How to reach ClickHouse over its HTTP interface (<c>Storage:Events:ClickHouse</c>).</summary>
public sealed record ClickHouseConnectionOptions
{
    /// <summary>The HTTP endpoint, such as <c>http://clickhouse:8123</c>; on a cluster, the server that takes queries and inserts.</summary>
    public Uri? Url { get; init; }

    /// <summary>The database that holds FailSmart's tables; created when missing.</summary>
    public string Database { get; init; } = "failsmart";

    /// <summary>The user; ClickHouse's default user when null.</summary>
    public string? User { get; init; }

    /// <summary>The password; none when null.</summary>
    public string? Password { get; init; }

    /// <summary>How long one request may take before it fails as unavailable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The cluster's name in the servers' <c>remote_servers</c> configuration; null for one server. On a
    /// cluster every shard holds local tables and a Distributed table over them, sharded by unit.
    /// </summary>
    public string? Cluster { get; init; }

    /// <summary>Each shard's HTTP endpoint, where the tables are created (required with <see cref="Cluster"/>).</summary>
    public IReadOnlyList<Uri> Shards { get; init; } = [];
}
