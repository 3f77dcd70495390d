using System.Net;
using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>An acknowledged event survives the process being killed right after the answer.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task Events_acknowledged_before_a_kill_are_all_there_after_restart()
    {
        using var data = new TemporaryFolder();
        var ct = TestContext.Current.CancellationToken;
        int acknowledged = 0;
        string serverKey;
        using (ServerProcess server = await ServerProcess.StartAsync(data.Path, ct))
        {
            using HttpClient admin = Client(server, FailSmartFactory.AdminKey);
            serverKey = await admin.CreateKeyAsync("server", "production");
            using HttpClient sdk = Client(server, serverKey);
            for (int batch = 0; batch < 20; batch++)
            {
                string events = "[" + string.Join(",", Enumerable.Range(0, 50).Select(i =>
                    $$"""{"id":"b{{batch}}-{{i}}","type":"event","unitId":"u{{i}}","timestamp":"{{DateTimeOffset.UtcNow:O}}","event":"purchase","value":{{i}}}""")) + "]";
                using HttpResponseMessage response = await sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", events);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                acknowledged += (await response.JsonAsync()).GetProperty("accepted").GetInt32();
            }

            server.Kill(); // straight after the last acknowledgement: no graceful shutdown, no checkpoint
        }

        using ServerProcess restarted = await ServerProcess.StartAsync(data.Path, ct);
        using HttpClient again = Client(restarted, serverKey);
        string everything = "[" + string.Join(",", Enumerable.Range(0, 20).SelectMany(batch => Enumerable.Range(0, 50).Select(i =>
            $$"""{"id":"b{{batch}}-{{i}}","type":"event","unitId":"u{{i}}","timestamp":"{{DateTimeOffset.UtcNow:O}}","event":"purchase","value":{{i}}}"""))) + "]";

        JsonElement resent = await (await again.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", everything)).JsonAsync();

        acknowledged.ShouldBe(1000);
        resent.GetProperty("duplicates").GetInt32().ShouldBe(1000, "every acknowledged event must already be stored");
        resent.GetProperty("accepted").GetInt32().ShouldBe(0);
    }

    private static HttpClient Client(ServerProcess server, string key)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
