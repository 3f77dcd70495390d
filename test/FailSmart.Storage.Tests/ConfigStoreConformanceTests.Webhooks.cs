using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Webhooks, deliveries with their log, and the dispatcher's compare-and-set cursor.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static WebhookRecord Hook(string id, DateTimeOffset at) =>
        new(id, "https://hooks.example.com/" + id, "whsec_" + id, ["rollout.*", "schedule.apply"], true, "Ada", at);

    [Fact]
    public async Task CreateWebhookAsync_stores_it_and_DeleteWebhookAsync_removes_it_with_its_deliveries()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IWebhookStore)config;
        WebhookRecord hook = Hook("wh_1", clock.GetUtcNow());

        await store.CreateWebhookAsync(hook, Ct);
        WebhookDelivery ping = await store.EnqueueDeliveryAsync(new NewDelivery("wh_1", null, "ping", "{}"), Ct);

        WebhookRecord read = (await store.GetWebhookAsync("wh_1", Ct)).ShouldNotBeNull();
        read.ShouldBe(hook with { Events = read.Events });
        read.Events.ShouldBe(["rollout.*", "schedule.apply"]);
        (read.Receives("rollout.advance"), read.Receives("schedule.apply"), read.Receives("schedule.create"), read.Receives("flag.toggle")).ShouldBe((true, true, false, false));
        (await store.ListWebhooksAsync(Ct)).Select(w => w.Id).ShouldBe(["wh_1"]);
        (ping.Status, ping.Attempts, ping.NextAttemptAt).ShouldBe((DeliveryStatus.Pending, 0, clock.GetUtcNow()));
        (await config.QueryAuditAsync(new AuditQuery(), Ct))[0].After!.ShouldNotContain("whsec_");

        (await store.DeleteWebhookAsync("wh_1", "Bob", Ct)).ShouldBeTrue();
        (await store.DeleteWebhookAsync("wh_1", "Bob", Ct)).ShouldBeFalse();
        (await store.GetWebhookAsync("wh_1", Ct)).ShouldBeNull();
        (await store.ListDueDeliveriesAsync(clock.GetUtcNow().AddDays(1), 10, Ct)).ShouldBeEmpty();
        (await config.QueryAuditAsync(new AuditQuery(), Ct))[0].Action.ShouldBe("webhook.delete");
    }

    [Fact]
    public async Task EnqueueDeliveriesAsync_moves_the_cursor_only_from_where_it_is()
    {
        IConfigStore config = await ReadyStoreAsync();
        var store = (IWebhookStore)config;
        await store.CreateWebhookAsync(Hook("wh_1", DateTimeOffset.UnixEpoch), Ct);

        bool first = await store.EnqueueDeliveriesAsync(0, 7, [new NewDelivery("wh_1", 7, "schedule.apply", "{\"a\":1}")], Ct);
        bool stale = await store.EnqueueDeliveriesAsync(0, 7, [new NewDelivery("wh_1", 7, "schedule.apply", "{\"a\":1}")], Ct);

        (first, stale).ShouldBe((true, false));
        (await store.GetWebhookCursorAsync(Ct)).ShouldBe(7);
        WebhookDelivery delivery = (await store.ListDeliveriesAsync("wh_1", 10, Ct)).ShouldHaveSingleItem();
        (delivery.AuditId, delivery.Event, delivery.Body).ShouldBe(((long?)7, "schedule.apply", "{\"a\":1}"));
    }

    [Fact]
    public async Task RecordAttemptAsync_logs_each_attempt_and_ClaimDeliveryAsync_lets_one_claimant_try_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IWebhookStore)config;
        await store.CreateWebhookAsync(Hook("wh_1", clock.GetUtcNow()), Ct);
        WebhookDelivery delivery = await store.EnqueueDeliveryAsync(new NewDelivery("wh_1", null, "ping", "{}"), Ct);
        DateTimeOffset now = clock.GetUtcNow();

        (await store.ClaimDeliveryAsync(delivery.Id, 0, now.AddSeconds(20), Ct)).ShouldBeTrue();
        (await store.ClaimDeliveryAsync(delivery.Id, 0, now.AddSeconds(20), Ct)).ShouldBeFalse();
        await store.RecordAttemptAsync(delivery.Id, 1, 500, "The receiver answered 500.", DeliveryStatus.Pending, now.AddSeconds(30), Ct);
        (await store.ListDueDeliveriesAsync(now.AddSeconds(29), 10, Ct)).ShouldBeEmpty();
        clock.Advance(TimeSpan.FromSeconds(30));
        (await store.ClaimDeliveryAsync(delivery.Id, 1, clock.GetUtcNow().AddSeconds(20), Ct)).ShouldBeTrue();
        await store.RecordAttemptAsync(delivery.Id, 2, 200, null, DeliveryStatus.Delivered, clock.GetUtcNow(), Ct);

        WebhookDelivery done = (await store.ListDeliveriesAsync("wh_1", 10, Ct)).ShouldHaveSingleItem();
        (done.Status, done.Attempts, done.LastStatusCode, done.LastError).ShouldBe((DeliveryStatus.Delivered, 2, (int?)200, (string?)null));
        IReadOnlyList<DeliveryAttempt> log = await store.ListAttemptsAsync("wh_1", 10, Ct);
        log.Select(a => (a.Attempt, a.StatusCode, a.Delivered)).ShouldBe([(2, (int?)200, true), (1, (int?)500, false)]);
        (await store.ListDueDeliveriesAsync(clock.GetUtcNow().AddDays(1), 10, Ct)).ShouldBeEmpty();
    }
}
