using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FailSmart.Server.Sync;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// Two replicas on one PostgreSQL database behind a round-robin: each request goes to the next replica.
/// Polling is slowed to once an hour while the listener is connected, so only PostgreSQL's announcement
/// (LISTEN/NOTIFY) can carry a change from one replica to the other within the test's patience.
/// </summary>
public sealed class ReplicaChangeNotificationTests : IAsyncLifetime
{
    private const int Changes = 10;
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(5);

    private static readonly KeyValuePair<string, string>[] s_announcementsOnly = [new("Sync:PollSecondsWhileListening", "3600")];

    private ReplicaStores _stores = null!;
    private PostgreSqlReplicaFactory[] _replicas = null!;
    private string _sdkKey = null!;
    private int _next;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _stores = await ReplicaStores.CreateAsync(Ct);
        _replicas = [new PostgreSqlReplicaFactory(_stores, settings: s_announcementsOnly), new PostgreSqlReplicaFactory(_stores, settings: s_announcementsOnly)];
        using HttpClient admin = _replicas[0].ClientWithKey();
        using HttpResponseMessage created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", """
            {"key": "checkout-v2", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": false, "offVariation": "off", "defaultVariation": "on", "rules": []}}}
            """);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        _sdkKey = await admin.CreateKeyAsync("server", "production");
        _ = _replicas[1].Server; // start the second replica too
        foreach (PostgreSqlReplicaFactory replica in _replicas)
        {
            await ListeningAsync(replica);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgreSqlReplicaFactory replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _stores.DisposeAsync();
    }

    [Fact]
    public async Task Change_written_through_either_replica_reaches_the_other_replicas_SDK_stream_by_announcement()
    {
        using HttpClient sdkA = _replicas[0].ClientWithKey(_sdkKey);
        using HttpClient sdkB = _replicas[1].ClientWithKey(_sdkKey);
        using HttpResponseMessage streamA = await OpenStreamAsync(sdkA);
        using HttpResponseMessage streamB = await OpenStreamAsync(sdkB);
        using var readerA = new SseReader(await streamA.Content.ReadAsStreamAsync(Ct));
        using var readerB = new SseReader(await streamB.Content.ReadAsStreamAsync(Ct));
        (await readerA.NextEventAsync()).Type.ShouldBe("put");
        (await readerB.NextEventAsync()).Type.ShouldBe("put");
        SseReader[] readers = [readerA, readerB];
        var latencies = new List<double>();

        for (int change = 1; change <= Changes; change++)
        {
            int writer = _next;
            var sent = Stopwatch.StartNew();
            long revision = await ToggleAsync(NextReplica(), enabled: change % 2 == 1);

            // The replica that did not take the write hears of it only through PostgreSQL.
            SseReader.Event heard = await readers[1 - writer].NextEventAsync(s_patience);
            latencies.Add(sent.Elapsed.TotalMilliseconds);
            heard.Id.ShouldBe(revision.ToString(CultureInfo.InvariantCulture), $"change {change}, written through replica {writer}");
            heard.Data.ShouldContain("checkout-v2");
            (await readers[writer].NextEventAsync(s_patience)).Id.ShouldBe(revision.ToString(CultureInfo.InvariantCulture));
        }

        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Write request to the other replica's stream, {Changes} changes: median {latencies[Changes / 2]:F1} ms, max {latencies[^1]:F1} ms."));
    }

    [Fact]
    public async Task Key_revoked_through_one_replica_ends_its_streams_on_the_other()
    {
        string key = await CreateKeyRoundRobinAsync();
        using HttpClient sdk = _replicas[1].ClientWithKey(key);
        using HttpResponseMessage stream = await OpenStreamAsync(sdk);
        using var reader = new SseReader(await stream.Content.ReadAsStreamAsync(Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");

        using HttpClient admin = _replicas[0].ClientWithKey();
        using HttpResponseMessage revoked = await admin.DeleteAsync(new Uri($"/api/v1/api-keys/{key.Split('_')[2]}", UriKind.Relative), Ct);
        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var sinceRevocation = Stopwatch.StartNew();

        (await StreamEndsAsync(reader)).ShouldBeTrue("the replica holding the stream hears of the revocation through PostgreSQL");
        TestContext.Current.TestOutputHelper?.WriteLine($"The other replica's stream ended {sinceRevocation.ElapsedMilliseconds} ms after the revocation.");
        (await sdk.GetPathAsync("/sdk/v1/config")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Listener_cut_off_by_the_database_connects_again_and_misses_nothing()
    {
        using HttpClient sdk = _replicas[1].ClientWithKey(_sdkKey);
        using HttpResponseMessage stream = await OpenStreamAsync(sdk);
        using var reader = new SseReader(await stream.Content.ReadAsStreamAsync(Ct));
        (await reader.NextEventAsync()).Type.ShouldBe("put");

        // Every listening connection ends; a change made right after may come before either replica listens again.
        (await TerminateListenersAsync()).ShouldBe(2);
        long revision = await ToggleAsync(0, enabled: true);

        // Polling every second while the listener is away, then the read after it connects again, deliver it.
        (await reader.NextEventAsync(TimeSpan.FromSeconds(15))).Id.ShouldBe(revision.ToString(CultureInfo.InvariantCulture));
        await ListeningAsync(_replicas[1]);

        long next = await ToggleAsync(0, enabled: false);
        (await reader.NextEventAsync(s_patience)).Id.ShouldBe(next.ToString(CultureInfo.InvariantCulture), "announcements are heard again");
    }

    private static async Task ListeningAsync(PostgreSqlReplicaFactory replica)
    {
        RevisionListener listener = replica.Services.GetRequiredService<RevisionListener>();
        for (int i = 0; i < 600 && !listener.IsListening; i++)
        {
            await Task.Delay(50, Ct);
        }

        listener.IsListening.ShouldBeTrue("the replica's listener connects within 30 s of starting");
    }

    /// <summary>The round-robin: each call names the next replica.</summary>
    private int NextReplica()
    {
        int replica = _next;
        _next = 1 - _next;
        return replica;
    }

    private async Task<string> CreateKeyRoundRobinAsync()
    {
        using HttpClient admin = _replicas[NextReplica()].ClientWithKey();
        return await admin.CreateKeyAsync("server", "production");
    }

    /// <summary>Toggles the flag through one replica and returns the configuration revision the write committed.</summary>
    private async Task<long> ToggleAsync(int replica, bool enabled)
    {
        using HttpClient admin = _replicas[replica].ClientWithKey();
        using HttpResponseMessage toggled = await admin.PostAsJsonAsync(
            new Uri("/api/v1/flags/checkout-v2/environments/production/toggle", UriKind.Relative), new { enabled, reason = "replica test" }, Ct);
        toggled.StatusCode.ShouldBe(HttpStatusCode.OK, await toggled.Content.ReadAsStringAsync(Ct));

        // Nothing else writes here, so the replica that wrote serves that revision now.
        using HttpClient sdk = _replicas[replica].ClientWithKey(_sdkKey);
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        config.StatusCode.ShouldBe(HttpStatusCode.OK);
        return long.Parse(config.Headers.GetValues("X-FailSmart-Revision").Single(), CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient sdk)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/stream", UriKind.Relative));
        HttpResponseMessage response = await sdk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response;
    }

    private static async Task<bool> StreamEndsAsync(SseReader reader)
    {
        try
        {
            while (true)
            {
                await reader.NextLineAsync(s_patience);
            }
        }
        catch (EndOfStreamException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<long> TerminateListenersAsync()
    {
        await using var admin = new NpgsqlConnection(_stores.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'failsmart revision listener'", admin);
        return (long)(await terminate.ExecuteScalarAsync(Ct))!;
    }
}
