using System.Net;

namespace FailSmart.Server.Tests;

/// <summary>
/// Two writes that are each valid alone must not together store an invalid configuration: here, two
/// experiments sent at the same moment, each claiming buckets of one layer that the other claims too.
/// </summary>
public sealed class ConcurrentWriteTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    [Fact]
    public async Task Concurrent_experiments_with_overlapping_layer_buckets_never_both_commit()
    {
        using HttpClient admin = factory.ClientWithKey();
        (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", """{"key": "race", "salt": "race-2026"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        string key = await admin.CreateKeyAsync("server", "production");
        using HttpClient sdk = factory.ClientWithKey(key);

        for (int round = 0; round < 12; round++)
        {
            // Each round claims a fresh 800-bucket slice, so only the pair of this round can collide.
            int start = round * 800;
            Task<HttpResponseMessage> first = admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", Experiment($"race-a{round}", start, start + 500));
            Task<HttpResponseMessage> second = admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", Experiment($"race-b{round}", start + 300, start + 800));
            HttpResponseMessage[] responses = await Task.WhenAll(first, second);

            HttpStatusCode[] statuses = [.. responses.Select(r => r.StatusCode).Order()];
            statuses.ShouldBe([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], $"round {round}");
            foreach (HttpResponseMessage response in responses)
            {
                response.Dispose();
            }
        }

        // The stored configuration still loads: SDKs get it, rather than an error.
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        config.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Experiment(string key, int from, int to) => $$"""
        {"key": "{{key}}", "variations": [{"key": "control", "weight": 0.5}, {"key": "treatment", "weight": 0.5}],
         "coverage": 1, "layer": {"key": "race", "buckets": [{{from}}, {{to}}]}, "phase": 1, "status": "running"}
        """;
}
