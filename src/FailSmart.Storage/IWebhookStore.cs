using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Webhooks, their deliveries and attempts, and the dispatcher's cursor in the audit log, kept in the
/// configuration store so replicas share them.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Stores a webhook and audits it as "webhook.create" (the secret is not in the audit log).</summary>
    Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken = default);

    /// <summary>The webhook with this id, or null.</summary>
    Task<WebhookRecord?> GetWebhookAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every webhook, oldest first.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a webhook with its deliveries and their log, audited as "webhook.delete"; false when there is no such webhook.</summary>
    Task<bool> DeleteWebhookAsync(string id, string actor, CancellationToken cancellationToken = default);

    /// <summary>The id of the last audit entry turned into deliveries (0 at first).</summary>
    Task<long> GetWebhookCursorAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores deliveries and moves the cursor from <paramref name="from"/> to <paramref name="to"/> in one
    /// transaction; false (and nothing stored) when the cursor is no longer at <paramref name="from"/>, so
    /// of two replicas reading the same entries only one creates their deliveries.
    /// </summary>
    Task<bool> EnqueueDeliveriesAsync(long from, long to, IReadOnlyList<NewDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>Stores one delivery due now (a ping), outside the audit log's order.</summary>
    Task<WebhookDelivery> EnqueueDeliveryAsync(NewDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a due delivery for one attempt: moves its next attempt to <paramref name="leaseUntil"/> if it is
    /// still pending with <paramref name="attempts"/> attempts, so another replica does not try it meanwhile.
    /// </summary>
    Task<bool> ClaimDeliveryAsync(long id, int attempts, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an attempt in the delivery log and its outcome on the delivery: delivered, failed for good, or
    /// pending again at <paramref name="nextAttemptAt"/>.
    /// </summary>
    Task RecordAttemptAsync(long id, int attempt, int? statusCode, string? error, DeliveryStatus status, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>One webhook's deliveries, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken = default);

    /// <summary>One webhook's delivery log: every attempt, newest first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string webhookId, int limit, CancellationToken cancellationToken = default);
}
