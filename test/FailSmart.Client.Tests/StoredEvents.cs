using System.Globalization;
using DuckDB.NET.Data;

namespace FailSmart.Client.Tests;

/// <summary>What a stopped server's event store holds, read from its events.duckdb.</summary>
internal static class StoredEvents
{
    /// <summary>How many rows each event id of the metric events named <paramref name="eventName"/> has.</summary>
    public static Dictionary<string, long> MetricIdCounts(string dataPath, string eventName)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(dataPath, "events.duckdb")}");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = "SELECT event_id, count(*) FROM metric_events WHERE event_name = $name GROUP BY event_id";
        command.Parameters.Add(new DuckDBParameter("name", eventName));
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
