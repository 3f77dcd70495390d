using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.DuckDb;

/// <summary>DuckDB's spelling of the analysis SQL.</summary>
internal sealed class DuckDbDialect : ISqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public string InnerJoin => "JOIN";

    public string LeftJoin => "LEFT JOIN";

    public string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string ArgMin(string value, string by) => $"arg_min({value}, {by})";

    public string Property(string keyLiteral) => $"coalesce(property_values[list_position(property_keys, {keyLiteral})], '')";

    public string ToDouble(string expression) => $"CAST({expression} AS DOUBLE)";

    public string SortedValues(string expression) => $"list_sort(list({expression}))";

    public string Element(string array, string rank) => $"{array}[CAST({rank} AS BIGINT)]";

    // The primary key already keeps one row per event id.
    public string MetricEvents(string filter) =>
        $"(SELECT unit_id, event_name, value, occurred_at_ms FROM metric_events WHERE {filter})";
}
