using System.Net;
using System.Text.Json;
using FailSmart.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// A resent batch, answered honestly by each event store: DuckDB finds the duplicates as it writes and
/// counts them; ClickHouse stores them again and removes them when it analyses, so it cannot count them
/// and does not claim a number.
/// </summary>
public sealed class IngestDeduplicationTests
{
    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    private static string Batch(string prefix) => $$"""
        [{"id":"{{prefix}}-1","type":"exposure","unitId":"u-1","timestamp":"{{Now}}","experiment":"dedup-test","variation":"control"},
         {"id":"{{prefix}}-2","type":"exposure","unitId":"u-2","timestamp":"{{Now}}","experiment":"dedup-test","variation":"treatment"},
         {"id":"{{prefix}}-3","type":"event","unitId":"u-1","timestamp":"{{Now}}","event":"purchase","value":5}]
        """;

    [Fact]
    public async Task Resent_batch_on_DuckDB_is_answered_with_its_duplicates_counted_at_write()
    {
        await using var server = new FailSmartFactory();

        (JsonElement first, JsonElement resent, long exposures) = await SendTwiceAsync(server);

        first.GetProperty("accepted").GetInt32().ShouldBe(3);
        first.GetProperty("duplicates").GetInt32().ShouldBe(0);
        first.GetProperty("deduplication").GetString().ShouldBe("at-write");
        resent.GetProperty("accepted").GetInt32().ShouldBe(0);
        resent.GetProperty("duplicates").GetInt32().ShouldBe(3);
        resent.GetProperty("deduplication").GetString().ShouldBe("at-write");
        exposures.ShouldBe(2);
    }

    [Fact]
    public async Task Resent_batch_on_ClickHouse_is_answered_without_a_duplicate_count_and_says_duplicates_go_at_query_time()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(ApiTestExtensions.Ct);
        await using var server = new PostgreSqlReplicaFactory(stores, events: true);

        (JsonElement first, JsonElement resent, long exposures) = await SendTwiceAsync(server);

        foreach (JsonElement answer in new[] { first, resent })
        {
            answer.GetProperty("accepted").GetInt32().ShouldBe(3);
            answer.TryGetProperty("duplicates", out _).ShouldBeFalse("ClickHouse cannot know at write time, so the answer does not claim 0");
            answer.GetProperty("deduplication").GetString().ShouldBe("at-query");
            answer.GetProperty("rejected").GetArrayLength().ShouldBe(0);
        }

        exposures.ShouldBe(2, "analysis counts each event id once");
    }

    private static async Task<(JsonElement First, JsonElement Resent, long Exposures)> SendTwiceAsync(FailSmartFactory server)
    {
        using HttpClient admin = server.ClientWithKey();
        using HttpResponseMessage created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", """
            {"key": "dedup-test", "variations": [{"key": "control", "weight": 0.5}, {"key": "treatment", "weight": 0.5}], "status": "running"}
            """);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        using HttpClient sdk = server.ClientWithKey(await admin.CreateKeyAsync("server", "production"));
        string batch = Batch(Guid.NewGuid().ToString("N"));

        JsonElement first = await (await sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();
        JsonElement resent = await (await sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();

        return (first, resent, await server.Services.GetRequiredService<IEventStore>().CountExposuresAsync(ApiTestExtensions.Ct));
    }
}
