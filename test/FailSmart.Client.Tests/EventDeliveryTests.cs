using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Storage;
using FailSmart.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Client.Tests;

/// <summary>Exposures and events: batching, deduplication, retry, the disk buffer and counted drops.</summary>
public sealed class EventDeliveryTests : IDisposable
{
    private readonly TemporaryFolder _buffer = new();

    public void Dispose() => _buffer.Dispose();

    [Fact]
    public async Task Tracked_events_are_delivered_in_batches_with_unique_ids()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using (server)
        {
            await using IFailSmartClient client = Client(server.Url, key);
            for (int i = 0; i < 250; i++)
            {
                client.Track("u-" + (i % 20), "purchase", i, new Dictionary<string, string> { ["country"] = "GB" });
            }

            (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

            DeliveryStatistics delivery = client.Delivery;
            delivery.Queued.ShouldBe(250);
            delivery.Delivered.ShouldBe(250);
            delivery.Duplicates.ShouldBe(0);
            delivery.Rejected.ShouldBe(0);
            delivery.Dropped.ShouldBe(0);
            delivery.Pending.ShouldBe(0);
        }
    }

    [Fact]
    public async Task Exposures_are_sent_once_per_unit_experiment_and_phase()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using (server)
        {
            await using IFailSmartClient client = Client(server.Url, key);
            (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);
            int inExperiment = Enumerable.Range(0, 60).Count(i => Example.Production.Evaluate("no-ads", Example.User(i)).InExperiment);

            // The example's long-term holdout covers every flag, so each unit also records its side of it once.
            int holdoutSides = Enumerable.Range(0, 60).Sum(i =>
            {
                Attributes user = Example.User(i);
                EvaluationResult result = Example.Production.Evaluate("no-ads", user);
                return Example.Production.HoldoutExposures("no-ads", result, user).Count;
            });
            holdoutSides.ShouldBe(60);
            int expected = inExperiment + holdoutSides;

            for (int round = 0; round < 5; round++)
            {
                for (int i = 0; i < 60; i++)
                {
                    client.GetBool("no-ads", false, Example.User(i));
                }
            }

            (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
            inExperiment.ShouldBeGreaterThan(0);
            client.Delivery.Queued.ShouldBe(expected);
            client.Delivery.ExposuresDeduplicated.ShouldBe(4 * expected);
            client.Delivery.Delivered.ShouldBe(expected);
            (await server.App.Services.GetRequiredService<IEventStore>().CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Events_tracked_while_the_server_is_down_wait_on_disk_and_are_delivered_after_a_restart()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using (server)
        {
            await server.StopAsync();
            await using (IFailSmartClient offline = Client(server.Url, key, o => o.ShutdownFlushTimeout = TimeSpan.FromMilliseconds(500)))
            {
                for (int i = 0; i < 120; i++)
                {
                    offline.Track("u-" + i, "signup");
                }

                (await offline.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeFalse();
                offline.Delivery.Pending.ShouldBe(120);
            }

            Directory.GetFiles(_buffer.Path, "*.batch.json").ShouldNotBeEmpty();
            await server.StartAsync();
            await using IFailSmartClient online = Client(server.Url, key);

            (await online.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

            online.Delivery.Delivered.ShouldBe(120);
            online.Delivery.Dropped.ShouldBe(0);
            Directory.GetFiles(_buffer.Path, "*.batch.json").ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Full_queue_drops_and_counts_every_event_it_could_not_keep()
    {
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://127.0.0.1:9/"), "fs_server_x")
            .Configure(o =>
            {
                o.MaxQueueSize = 10;
                o.MaxPendingEvents = 5;
                o.MaxBatchSize = 5;
                o.FlushInterval = TimeSpan.FromHours(1);
                o.ShutdownFlushTimeout = TimeSpan.FromMilliseconds(200);
                o.MinRetryDelay = TimeSpan.FromMilliseconds(10);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            })
            .Build();

        for (int i = 0; i < 25; i++)
        {
            client.Track("u", "click");
        }

        (client.Delivery.Queued + client.Delivery.DroppedQueueFull).ShouldBe(25);
        await client.DisposeAsync();
        client.Delivery.Dropped.ShouldBe(25);
        client.Delivery.Delivered.ShouldBe(0);
    }

    [Fact]
    public async Task Batch_answered_503_with_Retry_After_is_sent_again_with_the_same_ids()
    {
        var handler = new ScriptedHandler(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.Zero) } },
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.Zero) } },
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":2,\"duplicates\":1,\"rejected\":[]}", Encoding.UTF8, "application/json") });
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .Configure(o => o.FlushInterval = TimeSpan.FromMilliseconds(20))
            .Build();

        client.Track("u1", "a");
        client.Track("u2", "b");
        client.Track("u3", "c");
        await Eventually.TrueAsync(() => client.Delivery.Delivered == 3, "the third attempt succeeds");

        string[] sent = [.. handler.Batches];
        sent.Length.ShouldBe(3);
        Ids(sent[0]).ShouldBe(Ids(sent[2]));
        Ids(sent[0]).Distinct().Count().ShouldBe(3);
        client.Delivery.Duplicates.ShouldBe(1);
        client.Delivery.Pending.ShouldBe(0);
    }

    [Fact]
    public async Task Batch_refused_as_invalid_is_counted_as_rejected_not_retried()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"detail\":\"bad\"}") });
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .Build();

        client.Track("u1", "a");
        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

        client.Delivery.Rejected.ShouldBe(1);
        handler.Batches.Count.ShouldBe(1);
    }

    private static string[] Ids(string batch) =>
        [.. JsonDocument.Parse(batch).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    private IFailSmartClient Client(Uri url, string key, Action<FailSmartClientOptions>? configure = null) =>
        new FailSmartClientBuilder()
            .WithServer(url, key)
            .Configure(o =>
            {
                o.EventBufferDirectory = _buffer.Path;
                o.MaxBatchSize = 100;
                o.FlushInterval = TimeSpan.FromMilliseconds(50);
                o.MinRetryDelay = TimeSpan.FromMilliseconds(20);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
                o.RequestTimeout = TimeSpan.FromSeconds(3);
                configure?.Invoke(o);
            })
            .Build();
}
