using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace FailSmart.LoadTests;

/// <summary>
/// Opens N SSE streams to a server in a child process, then toggles a flag repeatedly and measures, for
/// every stream, the time from the write request being sent (so it includes the commit) to the stream
/// receiving the new rule set. The first stream count given is the baseline for the others, in the
/// same run. The reader only looks for event boundaries in the raw bytes, so the load generator spends
/// as little of the shared CPU as it can.
/// </summary>
internal static class SseFanOut
{
    private const int Changes = 20;

    public static async Task<int> RunAsync(string counts)
    {
        int[] streamCounts = [.. counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
        Console.WriteLine($"| Streams | Changes | Samples | p50 (ms) | p99 (ms) | max (ms) | connect all (s) |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int streams in streamCounts)
        {
            using ServerProcess server = await ServerProcess.StartAsync(20000 + streams % 10000);
            await MeasureAsync(server.Address, streams);
        }

        return 0;
    }

    private static async Task MeasureAsync(Uri address, int streams)
    {
        string key = await LoadServer.CreateKeyAsync(address, "server", "production");
        using HttpClient sdk = LoadServer.Client(address, key);
        using HttpClient admin = LoadServer.Client(address, LoadServer.AdminKey);
        var received = new long[streams, Changes + 1];
        var revisions = new long[Changes + 1];
        using var stop = new CancellationTokenSource();
        int connected = 0;
        var connectTimer = Stopwatch.StartNew();
        Task[] readers = [.. Enumerable.Range(0, streams).Select(i => Task.Run(() => ReadAsync(sdk, i, received, revisions, () => Interlocked.Increment(ref connected), stop.Token)))];
        while (Volatile.Read(ref connected) < streams)
        {
            await Task.Delay(50);
        }

        double connectSeconds = connectTimer.Elapsed.TotalSeconds;
        await Task.Delay(500);
        var sentAt = new long[Changes + 1];
        for (int change = 1; change <= Changes; change++)
        {
            sentAt[change] = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await admin.PostAsJsonAsync(
                "/api/v1/flags/no-ads/environments/production/toggle", new { enabled = change % 2 == 0 });
            response.EnsureSuccessStatusCode();
            revisions[change] = long.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
            await WaitAllAsync(received, streams, change, TimeSpan.FromSeconds(30));
        }

        await stop.CancelAsync();
        var latencies = new List<double>(streams * Changes);
        for (int change = 1; change <= Changes; change++)
        {
            for (int s = 0; s < streams; s++)
            {
                if (received[s, change] != 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt[change], received[s, change]).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {streams:N0} | {Changes} | {latencies.Count:N0} | {P(0.5):F1} | {P(0.99):F1} | {latencies[^1]:F1} | {connectSeconds:F1} |"));
        try
        {
            await Task.WhenAll(readers);
        }
        catch (OperationCanceledException)
        {
            // streams end when the run stops
        }
    }

    private static async Task ReadAsync(HttpClient sdk, int stream, long[,] received, long[] revisions, Action onConnected, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await sdk.GetAsync("/sdk/v1/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = new PutEventCounter();
        byte[] buffer = new byte[16 * 1024];
        int change = 0;
        int read;
        while (!cancellationToken.IsCancellationRequested && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            int puts = events.Count(buffer.AsSpan(0, read));
            if (puts == 0)
            {
                continue;
            }

            long now = Stopwatch.GetTimestamp();
            for (int i = 0; i < puts; i++)
            {
                if (!events.SeenFirst)
                {
                    events.SeenFirst = true;
                    onConnected();
                    continue;
                }

                change++;
                if (change <= revisions.Length - 1)
                {
                    received[stream, change] = now;
                }
            }
        }
    }

    private static async Task WaitAllAsync(long[,] received, int streams, int change, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            bool all = true;
            for (int s = 0; s < streams && all; s++)
            {
                all = Volatile.Read(ref received[s, change]) != 0;
            }

            if (all)
            {
                return;
            }

            await Task.Delay(5);
        }
    }
}
