using System.Text;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>ClickHouse's spelling of the analysis SQL, in the subset that 18.16 and current releases both run.</summary>
/// <param name="streams">How many parallel streams metric events are read in: the server's max_threads.</param>
internal sealed class ClickHouseDialect(int streams = 1) : ISqlDialect
{
    /// <summary>The most branches metric events are split into, however many threads the server has: each branch reads every row's unit id.</summary>
    public const int MaxStreams = 8;

    private readonly int _streams = Math.Clamp(streams, 1, MaxStreams);

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

    // FINAL collapses rows with the same sorting key (which ends in event_id) as it reads, merging the parts
    // in key order: exact whether or not ClickHouse has merged them yet, and far cheaper than GROUP BY event_id,
    // which hashes every id. On 18.16 a FINAL read is one stream, so the join and per-unit sums after it would
    // run on one core: the events are read as one branch per thread, each taking the units whose id hashes to
    // it (every copy of an event has the same unit, so it lands in one branch), and the branches run in parallel.
    public string MetricEvents(string filter) => _streams == 1
        ? $"(SELECT unit_id, event_name, value, occurred_at_ms FROM metric_events FINAL WHERE {filter})"
        : "(" + string.Join(" UNION ALL ", Enumerable.Range(0, _streams).Select(branch =>
            $"SELECT unit_id, event_name, value, occurred_at_ms FROM metric_events FINAL PREWHERE cityHash64(unit_id) % {_streams} = {branch} WHERE {filter}")) + ")";
}
