using System.Net;

namespace FailSmart.Client.Tests;

/// <summary>Track with the caller's own event id: a retry of the application's is stored once.</summary>
public sealed class TrackEventIdTests
{
    [Fact]
    public async Task Track_twice_with_the_same_event_id_is_stored_once_on_the_server()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using TestServer _ = server;
        await using (IFailSmartClient client = new FailSmartClientBuilder().WithServer(server.Url, key).Configure(o => o.EvaluationInsights = false).Build())
        {
            client.Track("u-1", "order-placed", 31.5, eventId: "order-20261207-0001");
            (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
            client.Track("u-1", "order-placed", 31.5, eventId: "order-20261207-0001"); // the application's retry
            client.Track("u-1", "order-placed", 12.0, eventId: "order-20261207-0002");
            (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

            client.Delivery.Queued.ShouldBe(3);
            client.Delivery.Delivered.ShouldBe(3);
            client.Delivery.Duplicates.ShouldBe(1);
        }

        await server.StopAsync();
        Dictionary<string, long> stored = StoredEvents.MetricIdCounts(server.DataPath, "order-placed");
        stored.ShouldBe(new Dictionary<string, long> { ["order-20261207-0001"] = 1, ["order-20261207-0002"] = 1 }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(0, "empty")]
    [InlineData(1, "lone UTF-16 surrogate")] // built in code: an attribute's string cannot carry a lone surrogate
    public async Task Track_with_an_invalid_event_id_is_refused_counted_and_logged(int which, string why)
    {
        string id = which == 0 ? string.Empty : "order-" + '\ud800';
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK));
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLoggerFactory(logs)
            .Configure(o => o.EvaluationInsights = false)
            .Build();

        client.Track("u-1", "purchase", 1, eventId: id);
        client.Track("u-1", "purchase", 1, eventId: new string('x', 513));
        client.Track("u-1", "purchase", 1, eventId: new string('x', 512));
        client.Track("u-1", "purchase", 1, eventId: "😀-pair");

        client.Delivery.Rejected.ShouldBe(2);
        client.Delivery.Queued.ShouldBe(2);
        logs.Entries.Where(e => e.EventId == 3019).Select(e => e.Message).First().ShouldContain(why);
    }
}
