using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace FailSmart.LoadTests;

/// <summary>
/// Opens N SSE streams to a server in a child process, then toggles a flag repeatedly and measures, for
/// every stream, the time from the write request being sent (so it includes the commit) to the stream
/// receiving the whole change event. Each stream count runs twice on the same server, in the same run:
/// streams that get a full rule set per change ("put", the baseline, what older SDKs ask for) and streams
/// that get patches ("patch", <c>?deltas=true</c>). The reader only looks for event boundaries in the raw
/// bytes, so the load generator spends as little of the shared CPU as it can.
/// </summary>
internal static class SseFanOut
{
    public const int Changes = 20;

    public static async Task<int> RunAsync(string counts)
    {
        int[] streamCounts = [.. counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
        Console.WriteLine("| Streams | Events | Changes | Samples | p50 (ms) | p99 (ms) | max (ms) | bytes per stream per change | connect all (s) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int streams in streamCounts)
        {
            using ServerProcess server = await ServerProcess.StartAsync(ServerProcess.FreeLoopbackPort());
            // Warm both paths (JIT, caches) before either is measured, so neither pays for the other.
            await MeasureAsync(server.Address, 10, 3, deltas: false, CancellationToken.None);
            await MeasureAsync(server.Address, 10, 3, deltas: true, CancellationToken.None);
            foreach (bool deltas in new[] { false, true })
            {
                SseFanOutResult result = await MeasureAsync(server.Address, streams, Changes, deltas, CancellationToken.None);
                Console.WriteLine(result.ToMarkdownRow());
            }
        }

        return 0;
    }

    /// <summary>
    /// Connects <paramref name="streams"/> streams, makes <paramref name="changes"/> changes one after another (each once
    /// every stream has the one before, or after 30 s), and reports what every stream received.
    /// </summary>
    public static async Task<SseFanOutResult> MeasureAsync(Uri address, int streams, int changes, bool deltas, CancellationToken cancellationToken)
    {
        string key = await LoadServer.CreateKeyAsync(address, "server", "production");
        using HttpClient sdk = LoadServer.Client(address, key);
        using HttpClient admin = LoadServer.Client(address, LoadServer.AdminKey);
        var received = new long[streams, changes + 1];
        var scanners = new SseEventScanner[streams];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int connected = 0;
        var connectTimer = Stopwatch.StartNew();
        string path = deltas ? "/sdk/v1/stream?deltas=true" : "/sdk/v1/stream";
        Task[] readers = [.. Enumerable.Range(0, streams).Select(i =>
            Task.Run(() => ReadAsync(sdk, path, scanners[i] = new SseEventScanner(), i, received, () => Interlocked.Increment(ref connected), stop.Token)))];
        while (Volatile.Read(ref connected) < streams)
        {
            // A stream that failed to connect would otherwise leave the run waiting for ever.
            if (readers.FirstOrDefault(r => r.IsFaulted) is { } failed)
            {
                await stop.CancelAsync();
                throw new InvalidOperationException($"A stream could not connect ({Volatile.Read(ref connected):N0} of {streams:N0} had).", failed.Exception);
            }

            if (connectTimer.Elapsed > TimeSpan.FromMinutes(3))
            {
                await stop.CancelAsync();
                throw new TimeoutException($"Only {Volatile.Read(ref connected):N0} of {streams:N0} streams connected within 3 minutes.");
            }

            await Task.Delay(50, cancellationToken);
        }

        double connectSeconds = connectTimer.Elapsed.TotalSeconds;
        long[] bytesAtConnect = [.. scanners.Select(s => s.Bytes)];
        await Task.Delay(500, cancellationToken);
        var sentAt = new long[changes + 1];
        long revision = 0;
        bool enabled = await IsEnabledAsync(admin);
        for (int change = 1; change <= changes; change++)
        {
            enabled = !enabled;
            sentAt[change] = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await admin.PostAsJsonAsync(
                "/api/v1/flags/no-ads/environments/production/toggle", new { enabled }, cancellationToken);
            response.EnsureSuccessStatusCode();
            await WaitAllAsync(received, streams, change, TimeSpan.FromSeconds(30), cancellationToken);
        }

        // The configuration revision after the last change: where every stream should have ended.
        using (HttpResponseMessage config = await sdk.GetAsync(new Uri("/sdk/v1/config", UriKind.Relative), cancellationToken))
        {
            revision = long.Parse(config.Headers.GetValues("X-FailSmart-Revision").Single(), CultureInfo.InvariantCulture);
        }

        await Task.Delay(200, cancellationToken); // anything late or extra arrives, to be counted
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(readers);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // streams end when the run stops
        }

        var latencies = new List<double>(streams * changes);
        for (int change = 1; change <= changes; change++)
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
        double bytesPerChange = scanners.Select((s, i) => (double)(s.Bytes - bytesAtConnect[i])).Average() / changes;
        return new SseFanOutResult(streams, changes, deltas, [.. latencies], [.. scanners.Select(s => s.Events)], [.. scanners.Select(s => s.LastId)],
            revision, bytesPerChange, connectSeconds);
    }

    private static async Task<bool> IsEnabledAsync(HttpClient admin)
    {
        using System.Text.Json.JsonDocument flag = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/flags/no-ads", UriKind.Relative)));
        return flag.RootElement.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean();
    }

    private static async Task ReadAsync(
        HttpClient sdk, string path, SseEventScanner scanner, int stream, long[,] received, Action onConnected, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await sdk.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        byte[] buffer = new byte[16 * 1024];
        int read;
        while (!cancellationToken.IsCancellationRequested && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            long before = scanner.Events;
            if (scanner.Scan(buffer.AsSpan(0, read)) == 0)
            {
                continue;
            }

            long now = Stopwatch.GetTimestamp();
            for (long e = before; e < scanner.Events; e++)
            {
                if (e == 0)
                {
                    onConnected(); // the first event is the full rule set every stream starts with
                }
                else if (e < received.GetLength(1))
                {
                    received[stream, e] = now;
                }
            }
        }
    }

    private static async Task WaitAllAsync(long[,] received, int streams, int change, TimeSpan timeout, CancellationToken cancellationToken)
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

            await Task.Delay(5, cancellationToken);
        }
    }
}
