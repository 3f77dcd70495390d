using System.Globalization;
using DuckDB.NET.Data;
using FailSmart.Storage.DuckDb;

namespace FailSmart.Server.Tests.Demo;

/// <summary>What a server's embedded event store holds for one experiment, read from its events.duckdb.</summary>
internal static class StoredExposures
{
    /// <summary>Each exposed unit's variation index in the experiment (the latest phase's, one row per unit).</summary>
    public static Dictionary<string, int> Variations(string dataPath, string environment, string experiment)
    {
        // The same file as the server's store, in the same process: DuckDB shares the open database between connections.
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(dataPath, DuckDbEventStore.FileName)}");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = "SELECT unit_id, min(variation), max(variation) FROM exposures WHERE environment = $environment AND experiment_key = $experiment GROUP BY unit_id";
        command.Parameters.Add(new DuckDBParameter("environment", environment));
        command.Parameters.Add(new DuckDBParameter("experiment", experiment));
        using var reader = command.ExecuteReader();
        var variations = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            int lowest = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            int highest = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            // A unit seen in two cells would have no one cell to compare; -1 fails the comparison and says why.
            variations[reader.GetString(0)] = lowest == highest ? lowest : -1;
        }

        return variations;
    }
}
