namespace FailSmart.Storage.Events.Sql;

/// <summary>
/// The few places where DuckDB and ClickHouse (18.16 onwards) spell the analysis SQL differently.
/// Everything else is written in the subset both run: nested subqueries, one join per SELECT with USING.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>A string literal, escaped for the engine.</summary>
    string Literal(string value);

    /// <summary>The join keyword for an inner join (ClickHouse needs a strictness).</summary>
    string InnerJoin { get; }

    /// <summary>The join keyword for a left join; unmatched right-side columns may be NULL or 0, so callers coalesce.</summary>
    string LeftJoin { get; }

    /// <summary>The value of <paramref name="value"/> on the row with the smallest <paramref name="by"/>.</summary>
    string ArgMin(string value, string by);

    /// <summary>The value of a property from the parallel key and value arrays, or '' when absent.</summary>
    string Property(string keyLiteral);

    /// <summary>An expression as a 64-bit float.</summary>
    string ToDouble(string expression);

    /// <summary>An aggregate: the group's values of <paramref name="expression"/>, sorted ascending.</summary>
    string SortedValues(string expression);

    /// <summary>The element at a 1-based <paramref name="rank"/> (a floating expression holding a whole number).</summary>
    string Element(string array, string rank);

    /// <summary>
    /// The metric events that match <paramref name="filter"/>, one row per event id, with columns
    /// unit_id, event_name, value and occurred_at_ms.
    /// </summary>
    string MetricEvents(string filter);
}
