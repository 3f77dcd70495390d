using System.Text;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>ClickHouse's spelling of the analysis SQL, in the subset that 18.16 and current releases both run.</summary>
internal sealed class ClickHouseDialect : ISqlDialect
{
    public static ClickHouseDialect Instance { get; } = new();

    // 18.16 needs an explicit strictness; ALL keeps every matching row, like standard SQL.
    public string InnerJoin => "ALL INNER JOIN";

    public string LeftJoin => "ALL LEFT JOIN";

    public string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '\0': builder.Append(@"\0"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('\'').ToString();
    }

    public string ArgMin(string value, string by) => $"argMin({value}, {by})";

    // indexOf gives 0 for a missing key and element 0 of an array is the type's default, ''.
    public string Property(string keyLiteral) => $"property_values[indexOf(property_keys, {keyLiteral})]";

    public string ToDouble(string expression) => $"toFloat64({expression})";

    public string SortedValues(string expression) => $"arraySort(groupArray({expression}))";

    public string Element(string array, string rank) => $"arrayElement({array}, toUInt64({rank}))";

    // ReplacingMergeTree removes duplicate event ids only when parts merge, so analysis groups by id to be exact at any time.
    public string MetricEvents(string filter) => $"""
        (SELECT any(e_unit) AS unit_id, any(e_name) AS event_name, any(e_value) AS value, any(e_at) AS occurred_at_ms
         FROM (SELECT event_id, unit_id AS e_unit, event_name AS e_name, value AS e_value, occurred_at_ms AS e_at FROM metric_events WHERE {filter})
         GROUP BY event_id)
        """;
}
