using DuckDB.NET.Data;
using FailSmart.Core.Values;
using FailSmart.Testing;

namespace FailSmart.Client.Tests;

/// <summary>
/// The promise that an application never fails because FailSmart failed: the real server is stopped
/// and started again over and over while threads evaluate and track events.
/// </summary>
public sealed class ChaosTests
{
    private const int Restarts = 20;
    private const int Threads = 4;

    [Fact]
    public async Task Client_survives_20_server_restarts_with_consistent_values_and_every_event_stored_once()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using TestServer _ = server;
        using var buffer = new TemporaryFolder();
        IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(server.Url, key)
            .Configure(o =>
            {
                o.EventBufferDirectory = buffer.Path;
                o.MaxBatchSize = 50;
                o.FlushInterval = TimeSpan.FromMilliseconds(50);
                o.MinRetryDelay = TimeSpan.FromMilliseconds(20);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(250);
                o.RequestTimeout = TimeSpan.FromSeconds(2);
                o.ShutdownFlushTimeout = TimeSpan.FromSeconds(20);
            })
            .Build();
        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), ct)).ShouldBe(ClientState.Ready);

        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() => Work(client, t, stop.Token), TaskCreationOptions.LongRunning)).ToArray();
        var states = new HashSet<ClientState>();
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.Current);
            }
        };

        for (int i = 0; i < Restarts; i++)
        {
            await Task.Delay(Random.Shared.Next(50, 250), ct);
            await server.StopAsync(graceful: i % 2 == 0);
            await Task.Delay(Random.Shared.Next(50, 250), ct);
            await server.StartAsync();
            Console.WriteLine($"restart {i} at {DateTime.UtcNow:HH:mm:ss.fff}");
        }

        await stop.CancelAsync();
        WorkerResult[] results = await Task.WhenAll(workers);
        bool flushed = false;
        for (int attempt = 0; attempt < 20 && !flushed; attempt++)
        {
            flushed = await client.FlushAsync(ct);
        }

        DeliveryStatistics delivery = client.Delivery;
        await client.DisposeAsync();
        await server.StopAsync();

        results.Sum(r => r.Exceptions).ShouldBe(0);
        results.Sum(r => r.Inconsistent).ShouldBe(0, string.Join("; ", results.SelectMany(r => r.Failures).Take(5)));
        results.Sum(r => r.Evaluations).ShouldBeGreaterThan(5_000);
        long tracked = results.Sum(r => r.Tracked);
        tracked.ShouldBeGreaterThan(500);
        flushed.ShouldBeTrue();
        delivery.Dropped.ShouldBe(0);
        delivery.Rejected.ShouldBe(0);
        delivery.Delivered.ShouldBe(delivery.Queued);
        (long metricRows, long metricIds, long exposureRows) = CountStored(server.DataPath);
        metricRows.ShouldBe(tracked, "every tracked event is stored exactly once");
        metricIds.ShouldBe(tracked);
        exposureRows.ShouldBe(delivery.Queued - tracked, "every exposure the client queued is stored exactly once");
        lock (states)
        {
            states.ShouldContain(ClientState.Stale);
            states.ShouldContain(ClientState.Ready);
        }
    }

    private static WorkerResult Work(IFailSmartClient client, int thread, CancellationToken stop)
    {
        var result = new WorkerResult();
        int i = thread * 1_000_000;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // No staff e-mail: Core gives a $regex match a 50 ms wall-clock budget, which a starved
                // 2-core machine under this test can exceed; that is Core's documented "no match", not the
                // client's doing, and it would make the expected value below depend on scheduling.
                var user = Attributes.Of(("id", "u-" + (i % 400)), ("appVersion", "4.3.0"), ("country", i % 7 == 0 ? "NZ" : "GB"), ("email", "someone@example.com"));
                bool expected = Example.Production.Evaluate("new-checkout", user).Value.AsBoolean();
                bool expectedNoAds = Example.Production.Evaluate("no-ads", user).Value.AsBoolean();
                FlagEvaluation<bool> checkout = client.GetBoolDetail("new-checkout", !expected, user);
                FlagEvaluation<bool> noAds = client.GetBoolDetail("no-ads", !expectedNoAds, user);
                if (checkout.Value != expected || noAds.Value != expectedNoAds)
                {
                    result.Inconsistent++;
                    result.Failures.Add($"{checkout.Reason}/{checkout.ErrorCode}/{checkout.ErrorMessage} {noAds.Reason}/{noAds.ErrorCode}/{noAds.ErrorMessage} state {checkout.State}");
                }

                result.Evaluations += 2;
                if (i % 10 == 0 && result.Tracked < 1_500)
                {
                    client.Track("u-" + (i % 400), "chaos", i);
                    result.Tracked++;
                }
            }
#pragma warning disable CA1031 // the test counts any exception an evaluation lets through
            catch (Exception)
#pragma warning restore CA1031
            {
                result.Exceptions++;
            }

            i++;
            if (i % 20 == 0)
            {
                Thread.Sleep(1);
            }
        }

        return result;
    }

    private static (long MetricRows, long MetricIds, long ExposureRows) CountStored(string dataPath)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(dataPath, "events.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM metric_events WHERE event_name = 'chaos'), (SELECT count(DISTINCT event_id) FROM metric_events WHERE event_name = 'chaos'), (SELECT count(*) FROM exposures)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class WorkerResult
    {
        public long Evaluations { get; set; }

        public long Tracked { get; set; }

        public long Exceptions { get; set; }

        public long Inconsistent { get; set; }

        public List<string> Failures { get; } = [];
    }
}
