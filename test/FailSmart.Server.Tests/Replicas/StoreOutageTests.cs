using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// A replica whose PostgreSQL or ClickHouse is briefly away answers 503 ProblemDetails with Retry-After, stores
/// nothing, and serves again as soon as the store is back: an outage is not a fault in FailSmart (500).
/// </summary>
public sealed class StoreOutageTests
{
    private static string Batch(string id) => $$"""
        [{"id":"{{id}}","type":"event","unitId":"u-1","timestamp":"{{DateTimeOffset.UtcNow:O}}","event":"purchase","value":5}]
        """;

    [Fact]
    public async Task Writes_while_PostgreSQL_is_away_answer_503_with_Retry_After_and_change_nothing()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(ApiTestExtensions.Ct);
        var target = new NpgsqlConnectionStringBuilder(stores.ConnectionString);
        await using var postgres = new SeverableTcpForwarder(target.Host!, target.Port);
        target.Host = "127.0.0.1";
        target.Port = postgres.Port;
        await using var server = new OutageFactory([
            new("Storage:Config:Provider", "postgresql"),
            new("Storage:Config:ConnectionString", target.ConnectionString),
        ]);
        using HttpClient admin = server.ClientWithKey();
        (await admin.PostAsync("/api/v1/segments", Json("""{"key":"before","attribute":"id","ids":["u-1"]}"""), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        postgres.Sever();
        using HttpResponseMessage refused = await admin.PostAsync("/api/v1/segments", Json("""{"key":"during","attribute":"id","ids":["u-1"]}"""), ApiTestExtensions.Ct);

        await ShouldBeUnavailableAsync(refused);
        postgres.Restore();
        (await stores.ScalarAsync<long>("SELECT count(*) FROM resources WHERE key = 'during'")).ShouldBe(0);
        using HttpResponseMessage after = await RetryAsync(() => admin.PostAsync("/api/v1/segments", Json("""{"key":"after","attribute":"id","ids":["u-1"]}"""), ApiTestExtensions.Ct));
        after.StatusCode.ShouldBe(HttpStatusCode.Created, await after.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    [Fact]
    public async Task Events_sent_while_ClickHouse_is_away_answer_503_and_are_stored_once_when_sent_again()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(ApiTestExtensions.Ct);
        Uri clickHouse = Testing.TestServices.ClickHouse();
        await using var events = new SeverableTcpForwarder(clickHouse.Host, clickHouse.Port);
        await using var server = new OutageFactory([
            new("Storage:Events:Provider", "clickhouse"),
            new("Storage:Events:ClickHouse:Url", $"http://127.0.0.1:{events.Port}/"),
            new("Storage:Events:ClickHouse:Database", stores.Database),
        ]);
        using HttpClient admin = server.ClientWithKey();
        using HttpClient sdk = server.ClientWithKey(await admin.CreateKeyAsync("server", "production"));
        using HttpResponseMessage before = await sdk.PostAsync("/events/v1/batch", Json(Batch("outage-0")), ApiTestExtensions.Ct);
        before.StatusCode.ShouldBe(HttpStatusCode.OK, await before.Content.ReadAsStringAsync(ApiTestExtensions.Ct));

        events.Sever();
        using HttpResponseMessage refused = await sdk.PostAsync("/events/v1/batch", Json(Batch("outage-1")), ApiTestExtensions.Ct);

        await ShouldBeUnavailableAsync(refused);
        events.Restore();
        using HttpResponseMessage resent = await RetryAsync(() => sdk.PostAsync("/events/v1/batch", Json(Batch("outage-1")), ApiTestExtensions.Ct));
        resent.StatusCode.ShouldBe(HttpStatusCode.OK, await resent.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await stores.ClickHouseAsync("SELECT count(DISTINCT event_id) FROM metric_events")).ShouldBe("2");
    }

    private static async Task ShouldBeUnavailableAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("title").GetString().ShouldBe("A store FailSmart needs is not answering.");
        problem.GetProperty("detail").GetString()!.ShouldContain("Nothing was changed or stored");
        body.ShouldNotContain("Npgsql");
        body.ShouldNotContain("127.0.0.1");
    }

    // A connection pool may hand out one more connection cut by the outage before it learns; a client retries a 503.
    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpResponseMessage response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(200, ApiTestExtensions.Ct);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed class OutageFactory(IReadOnlyList<KeyValuePair<string, string>> settings) : FailSmartFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;
    }
}
