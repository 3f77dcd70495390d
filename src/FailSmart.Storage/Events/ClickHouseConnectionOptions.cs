namespace FailSmart.Storage.Events;

/// <summary>How to reach ClickHouse over its HTTP interface (<c>Storage:Events:ClickHouse</c>).</summary>
public sealed record ClickHouseConnectionOptions
{
    /// <summary>The HTTP endpoint, such as <c>http://clickhouse:8123</c>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The database that holds FailSmart's tables; created when missing.</summary>
    public string Database { get; init; } = "failsmart";

    /// <summary>The user; ClickHouse's default user when null.</summary>
    public string? User { get; init; }

    /// <summary>The password; none when null.</summary>
    public string? Password { get; init; }

    /// <summary>How long one request may take before it fails as unavailable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
