namespace FailSmart.Server.Tests;

/// <summary>A server whose streams beat every second.</summary>
public sealed class HeartbeatFactory : FailSmartFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Sync:HeartbeatSeconds", "1")];
}

public sealed class SdkStreamHeartbeatTests(HeartbeatFactory factory) : IClassFixture<HeartbeatFactory>
{
    [Fact]
    public async Task Idle_streams_all_receive_heartbeat_comments()
    {
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("server", "production");
        using HttpClient sdk = factory.ClientWithKey(key);

        // Several streams share one heartbeat clock; each must still get every beat.
        var readers = new List<(HttpResponseMessage Response, SseReader Reader)>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/stream", UriKind.Relative));
                HttpResponseMessage response = await sdk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
                var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
                (await reader.NextEventAsync()).Type.ShouldBe("put");
                readers.Add((response, reader));
            }

            foreach ((_, SseReader reader) in readers)
            {
                for (int beat = 0; beat < 2; beat++)
                {
                    string line;
                    do
                    {
                        line = await reader.NextLineAsync(TimeSpan.FromSeconds(5));
                    }
                    while (line.Length == 0);

                    line.ShouldBe(": heartbeat");
                }
            }
        }
        finally
        {
            foreach ((HttpResponseMessage response, SseReader reader) in readers)
            {
                reader.Dispose();
                response.Dispose();
            }
        }
    }
}
