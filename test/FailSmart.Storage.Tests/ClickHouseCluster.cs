using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>Settings and statements for the suite's ClickHouse cluster (named failsmart in eng/services/clickhouse.sh).</summary>
internal static class ClickHouseCluster
{
    public const string Name = "failsmart";

    private static readonly HttpClient s_client = new();

    /// <summary>The store's settings for <paramref name="database"/> on the cluster: queries go to the first shard.</summary>
    public static ClickHouseConnectionOptions Options(IReadOnlyList<Uri> shards, string database) =>
        new() { Url = shards[0], Database = database, Cluster = Name, Shards = shards };

    public static async Task DropAsync(IEnumerable<Uri> servers, string database)
    {
        foreach (Uri server in servers)
        {
            await RunAsync(server, $"DROP DATABASE IF EXISTS {database}");
        }
    }

    public static async Task<string> RunAsync(Uri server, string sql)
    {
        using var content = new StringContent(sql);
        using HttpResponseMessage response = await s_client.PostAsync(server, content);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body;
    }
}
