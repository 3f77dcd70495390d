using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using FailSmart.Server;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace FailSmart.LoadTests;

/// <summary>
/// How fast a change made through one replica reaches SDK streams on another: two servers in this process
/// on one new PostgreSQL database, a flag toggled through replica A, and the time from sending each write
/// request (so the commit is included) to each stream on replica B receiving the new revision. Run once with
/// polling only (the baseline, <c>Sync:ListenForChanges=false</c>) and once listening (the default), in the
/// same run. Writes are spaced by a seeded random pause of up to a second, so they do not fall in step
/// with the one-second poll.
/// </summary>
internal static class ReplicaPropagation
{
    private const int Streams = 10;
    private const int WarmUpChanges = 3;

    public static async Task<int> RunAsync(int changes, string? server)
    {
        server ??= Environment.GetEnvironmentVariable("FAILSMART_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("replicas needs a PostgreSQL server: pass a connection string, or set FAILSMART_TEST_POSTGRES.");
            return 2;
        }

        Console.WriteLine("| Replica B hears of a write through A by | Changes | Samples | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        await MeasureAsync(server, changes, "polling every second (baseline)", ["--Sync:ListenForChanges", "false"]);
        await MeasureAsync(server, changes, "PostgreSQL LISTEN/NOTIFY", []);
        return 0;
    }

    private static async Task MeasureAsync(string server, int changes, string mode, string[] settings)
    {
        string database = "failsmart_propagation_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        string connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            await using Replica a = await Replica.StartAsync(connectionString, settings);
            await using Replica b = await Replica.StartAsync(connectionString, settings);
            List<double> latencies = await MeasureAsync(a.Address, b.Address, changes);
            latencies.Sort();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {mode} | {changes} | {latencies.Count:N0} | {P(0.5):F1} | {P(0.9):F1} | {P(0.99):F1} | {latencies[^1]:F1} |"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task<List<double>> MeasureAsync(Uri a, Uri b, int changes)
    {
        using HttpClient admin = LoadServer.Client(a, LoadServer.AdminKey);
        (await admin.PostAsJsonAsync("/api/v1/flags", new
        {
            key = "propagation",
            variations = new object[] { new { key = "off", value = false }, new { key = "on", value = true } },
            environments = new { production = new { enabled = false, offVariation = "off", defaultVariation = "on", rules = Array.Empty<object>() } },
        })).EnsureSuccessStatusCode();
        string key = await LoadServer.CreateKeyAsync(a, "server", "production");
        using HttpClient sdk = LoadServer.Client(b, key);
        using HttpClient sdkOnA = LoadServer.Client(a, key);
        var arrivals = new ConcurrentDictionary<(int Stream, long Revision), long>();
        using var stop = new CancellationTokenSource();
        int connected = 0;
        Task[] readers = [.. Enumerable.Range(0, Streams).Select(s => Task.Run(() => ReadAsync(sdk, s, arrivals, () => Interlocked.Increment(ref connected), stop.Token)))];
        while (Volatile.Read(ref connected) < Streams)
        {
            await Task.Delay(20);
        }

        var pauses = new Random(20261207);
        var latencies = new List<double>(changes * Streams);
        for (int change = 1; change <= WarmUpChanges + changes; change++)
        {
            await Task.Delay(pauses.Next(1000));
            long sent = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await admin.PostAsJsonAsync(
                "/api/v1/flags/propagation/environments/production/toggle", new { enabled = change % 2 == 1 });
            response.EnsureSuccessStatusCode();

            // The answer's ETag is the flag's version; the revision the write committed is what A now serves.
            using HttpResponseMessage config = await sdkOnA.GetAsync("/sdk/v1/config");
            config.EnsureSuccessStatusCode();
            long revision = long.Parse(config.Headers.GetValues("X-FailSmart-Revision").Single(), CultureInfo.InvariantCulture);
            for (int s = 0; s < Streams; s++)
            {
                long arrived = await ArrivalAsync(arrivals, s, revision);
                if (change > WarmUpChanges)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                }
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return latencies;
    }

    private static async Task<long> ArrivalAsync(ConcurrentDictionary<(int Stream, long Revision), long> arrivals, int stream, long revision)
    {
        var waited = Stopwatch.StartNew();
        while (!arrivals.ContainsKey((stream, revision)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Revision {revision} did not reach stream {stream} of replica B within 30 s.");
            }

            await Task.Delay(1);
        }

        return arrivals[(stream, revision)];
    }

    // Records the moment each event's id (the revision) is read; the first event is the rule set on connect.
    private static async Task ReadAsync(HttpClient sdk, int stream, ConcurrentDictionary<(int, long), long> arrivals, Action onConnected, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await sdk.GetAsync("/sdk/v1/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        bool first = true;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                arrivals.TryAdd((stream, long.Parse(line.AsSpan(3).Trim(), CultureInfo.InvariantCulture)), Stopwatch.GetTimestamp());
                if (first)
                {
                    first = false;
                    onConnected();
                }
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One server on the shared database, with an event store of its own in a temporary folder.</summary>
    private sealed class Replica(WebApplication app, string data) : IAsyncDisposable
    {
        public Uri Address { get; } = new(app.Urls.First());

        public static async Task<Replica> StartAsync(string connectionString, string[] settings)
        {
            string data = Path.Combine(Path.GetTempPath(), "failsmart-replica-" + Guid.NewGuid().ToString("N"));
            WebApplication app = FailSmartServer.Create(
            [
                "--data", data, "--urls", "http://127.0.0.1:0", "--Auth:BootstrapAdminKey", LoadServer.AdminKey,
                "--Storage:Config:Provider", "postgresql", "--Storage:Config:ConnectionString", connectionString,
                "--RateLimits:PermitsPerWindow", "100000000", "--Logging:LogLevel:Default", "Warning", .. settings,
            ]);
            await app.StartAsync();
            return new Replica(app, data);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // left for the temp cleaner
            }
        }
    }
}
