namespace FailSmart.Storage.Events;

/// <summary>Which event store to use (<c>Storage:Events</c>).</summary>
public sealed record EventStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage:Events";

    /// <summary>The embedded DuckDB file in the data folder.</summary>
    public const string DuckDb = "duckdb";

    /// <summary>A ClickHouse server.</summary>
    public const string ClickHouseProvider = "clickhouse";

    /// <summary><c>duckdb</c> (the default) or <c>clickhouse</c>.</summary>
    public string Provider { get; init; } = DuckDb;

    /// <summary>The ClickHouse connection, used when <see cref="Provider"/> is <c>clickhouse</c>.</summary>
    public ClickHouseConnectionOptions ClickHouse { get; init; } = new();
}
