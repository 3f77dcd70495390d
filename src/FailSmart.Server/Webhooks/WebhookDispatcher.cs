using System.Net.Http.Headers;
using System.Text;
using FailSmart.Application.Webhooks;
using FailSmart.Server.Schedules;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Webhooks;

/// <summary>
/// Delivers audit events to webhooks. Each look reads the audit log after the stored cursor, creates a
/// delivery for every entry a webhook's filter selects and moves the cursor, in one transaction; then it
/// posts the due deliveries, each signed, with a bounded timeout, retried with exponential backoff and
/// jitter until <see cref="WebhookOptions.MaxAttempts"/>. It runs beside requests, so a slow or failing
/// receiver never holds up the server.
/// </summary>
internal sealed class WebhookDispatcher(
    IConfigStore config, IWebhookStore store, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string ClientName = "failsmart-webhooks";
    private const int AuditBatch = 200;
    private const int DeliveryBatch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SchedulerLog.DispatchFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look: new audit entries become deliveries, then due deliveries are sent.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await EnqueueNewAsync(cancellationToken))
        {
        }

        IReadOnlyList<WebhookDelivery> due = await store.ListDueDeliveriesAsync(clock.GetUtcNow(), DeliveryBatch, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, SendAsync);
    }

    /// <summary>Turns the next audit entries into deliveries; false when there were none.</summary>
    private async Task<bool> EnqueueNewAsync(CancellationToken cancellationToken)
    {
        long cursor = await store.GetWebhookCursorAsync(cancellationToken);
        IReadOnlyList<AuditEntry> entries = await config.QueryAuditAsync(new AuditQuery(AfterId: cursor, Limit: AuditBatch), cancellationToken);
        if (entries.Count == 0)
        {
            return false;
        }

        IReadOnlyList<WebhookRecord> webhooks = await store.ListWebhooksAsync(cancellationToken);
        List<NewDelivery> deliveries =
        [
            .. from entry in entries
               let type = WebhookPayload.TypeOf(entry)
               from webhook in webhooks
               // A webhook receives what happened after it was created, not the history before it.
               where webhook.Enabled && entry.At >= webhook.CreatedAt && webhook.Receives(type)
               select new NewDelivery(webhook.Id, entry.Id, type, WebhookPayload.For(entry)),
        ];

        // Another replica moving the cursor first is fine: it created these deliveries.
        await store.EnqueueDeliveriesAsync(cursor, entries[^1].Id, deliveries, cancellationToken);
        return entries.Count == AuditBatch;
    }

    private async ValueTask SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        WebhookOptions settings = options.Value;
        DateTimeOffset now = clock.GetUtcNow();
        if (!await store.ClaimDeliveryAsync(delivery.Id, delivery.Attempts, now + (settings.Timeout * 2), cancellationToken))
        {
            return; // another replica took it
        }

        WebhookRecord? webhook = await store.GetWebhookAsync(delivery.WebhookId, cancellationToken);
        if (webhook is null)
        {
            return; // deleted: its deliveries went with it
        }

        int attempt = delivery.Attempts + 1;
        (int? status, string? error) = await PostAsync(webhook, delivery, settings, cancellationToken);
        bool delivered = error is null;
        DeliveryStatus outcome = delivered ? DeliveryStatus.Delivered : attempt >= settings.MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
#pragma warning disable CA5394 // jitter spreads retries; it protects nothing
        DateTimeOffset next = outcome == DeliveryStatus.Pending ? clock.GetUtcNow() + WebhookRetry.Delay(settings, attempt, Random.Shared.NextDouble()) : clock.GetUtcNow();
#pragma warning restore CA5394
        if (!delivered)
        {
            SchedulerLog.AttemptFailed(logger, delivery.Id, attempt, error!, outcome);
        }

        await store.RecordAttemptAsync(delivery.Id, attempt, status, error, outcome, next, cancellationToken);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookRecord webhook, WebhookDelivery delivery, WebhookOptions settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(webhook.Secret, clock.GetUtcNow(), delivery.Body));
        request.Headers.Add("FailSmart-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("FailSmart-Event", delivery.Event);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            // Headers only: the receiver's body is never read, so a huge or endless answer costs nothing.
            using HttpResponseMessage response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            int code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (code, null) : (code, $"The receiver answered {code}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {settings.Timeout.TotalSeconds:0.#} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"Could not reach the receiver: {ex.Message}");
        }
    }
}
