using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FailSmart.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>Long-lived connections end when their key is revoked or expires, here and on other replicas.</summary>
public sealed class ApiKeyConnectionWatchTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    [Fact]
    public async Task Sdk_stream_ends_within_a_second_of_revocation()
    {
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("server", "production");
        using HttpClient sdk = factory.ClientWithKey(key);
        using HttpResponseMessage response = await OpenAsync(sdk, "/sdk/v1/stream");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");

        await RevokeAsync(admin, key);
        var sinceRevocation = Stopwatch.StartNew();

        await ReadToEndAsync(reader);
        TestContext.Current.TestOutputHelper?.WriteLine($"The stream ended {sinceRevocation.ElapsedMilliseconds} ms after the revocation.");
        sinceRevocation.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Sdk_stream_ends_within_two_seconds_when_another_replica_revokes_its_key()
    {
        await using var replica = new ReplicaFactory(factory.DataPath);
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("server", "production");
        using HttpClient sdk = replica.ClientWithKey(key);
        using HttpResponseMessage response = await OpenAsync(sdk, "/sdk/v1/stream");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");

        // Revoked through the first server; the replica holding the stream only polls the shared store.
        await RevokeAsync(admin, key);
        var sinceRevocation = Stopwatch.StartNew();

        await ReadToEndAsync(reader);
        TestContext.Current.TestOutputHelper?.WriteLine($"The replica's stream ended {sinceRevocation.ElapsedMilliseconds} ms after the revocation.");
        sinceRevocation.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Sdk_stream_ends_within_a_second_of_its_key_expiring()
    {
        using HttpClient admin = factory.ClientWithKey();
        // Long enough for the stream to open on a busy machine; what is measured is the time after expiry.
        DateTimeOffset expiresAt = DateTimeOffset.UtcNow.AddSeconds(6);
        using HttpResponseMessage created = await admin.PostAsJsonAsync(new Uri("/api/v1/api-keys", UriKind.Relative),
            new { name = "short-lived", kind = "server", environment = "production", expiresAt }, ApiTestExtensions.Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        string key = (await created.JsonAsync()).GetProperty("secret").GetString()!;
        using HttpClient sdk = factory.ClientWithKey(key);
        using HttpResponseMessage response = await OpenAsync(sdk, "/sdk/v1/stream");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");

        await ReadToEndAsync(reader);

        TestContext.Current.TestOutputHelper?.WriteLine($"The stream ended {(DateTimeOffset.UtcNow - expiresAt).TotalMilliseconds:F0} ms after the key expired.");
        (DateTimeOffset.UtcNow - expiresAt).ShouldBeLessThan(TimeSpan.FromSeconds(1));
        (await sdk.GetPathAsync("/sdk/v1/config")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ofrep_event_stream_ends_within_a_second_of_revocation_and_its_url_stops_working()
    {
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("client", "production");
        using HttpClient browser = factory.ClientWithKey(key);
        string streamUrl = await OfrepEventStreamTests.StreamUrlAsync(browser);
        using HttpClient anonymous = factory.ClientWithKey(null);
        using HttpResponseMessage response = await OpenAsync(anonymous, streamUrl);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextLineAsync()).ShouldBe(": connected");

        await RevokeAsync(admin, key);
        var sinceRevocation = Stopwatch.StartNew();

        await ReadToEndAsync(reader);
        TestContext.Current.TestOutputHelper?.WriteLine($"The stream ended {sinceRevocation.ElapsedMilliseconds} ms after the revocation.");
        sinceRevocation.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        using HttpResponseMessage again = await OpenAsync(anonymous, streamUrl);
        (await again.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("was revoked");
    }

    [Fact]
    public async Task Ofrep_event_stream_ends_within_a_second_of_its_key_expiring()
    {
        using HttpClient admin = factory.ClientWithKey();
        // Long enough for the stream to open on a busy machine; what is measured is the time after expiry.
        DateTimeOffset expiresAt = DateTimeOffset.UtcNow.AddSeconds(6);
        using HttpResponseMessage created = await admin.PostAsJsonAsync(new Uri("/api/v1/api-keys", UriKind.Relative),
            new { name = "short-lived page", kind = "client", environment = "production", expiresAt }, ApiTestExtensions.Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        using HttpClient browser = factory.ClientWithKey((await created.JsonAsync()).GetProperty("secret").GetString()!);
        string streamUrl = await OfrepEventStreamTests.StreamUrlAsync(browser);
        using HttpClient anonymous = factory.ClientWithKey(null);
        using HttpResponseMessage response = await OpenAsync(anonymous, streamUrl);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextLineAsync()).ShouldBe(": connected");

        await ReadToEndAsync(reader);

        (DateTimeOffset.UtcNow - expiresAt).ShouldBeLessThan(TimeSpan.FromSeconds(1));
        using HttpResponseMessage again = await OpenAsync(anonymous, streamUrl);
        (await again.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("expired at");
    }

    [Fact]
    public async Task A_closed_stream_releases_its_key()
    {
        var watch = factory.Services.GetRequiredService<ApiKeyConnectionWatch>();
        using HttpClient admin = factory.ClientWithKey();
        using HttpClient sdk = factory.ClientWithKey(await admin.CreateKeyAsync("server", "production"));
        int before = watch.WatchedKeys;
        HttpResponseMessage response = await OpenAsync(sdk, "/sdk/v1/stream");
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");
        watch.WatchedKeys.ShouldBe(before + 1);

        reader.Dispose();
        response.Dispose();

        for (int attempt = 0; attempt < 100 && watch.WatchedKeys != before; attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
        }

        watch.WatchedKeys.ShouldBe(before);
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.RelativeOrAbsolute));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
    }

    private static async Task RevokeAsync(HttpClient admin, string key)
    {
        using HttpResponseMessage revoked = await admin.DeleteAsync(new Uri($"/api/v1/api-keys/{key.Split('_')[2]}", UriKind.Relative), ApiTestExtensions.Ct);
        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>Reads until the server ends the stream; fails after 10 s if it never does.</summary>
    private static async Task ReadToEndAsync(SseReader reader)
    {
        try
        {
            while (true)
            {
                await reader.NextLineAsync();
            }
        }
        catch (EndOfStreamException)
        {
            // ended by the server
        }
        catch (IOException)
        {
            // ended by the server mid-chunk
        }
    }
}
