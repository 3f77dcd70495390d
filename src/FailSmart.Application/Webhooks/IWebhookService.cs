using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Webhooks;

/// <summary>
/// Webhooks: receivers of audit events, such as a guarded rollout's transitions ("rollout.*") or scheduled
/// changes ("schedule.*"). Administrators only: a webhook sends configuration history to a URL they choose.
/// </summary>
public interface IWebhookService
{
    /// <summary>Creates a webhook; the answer holds its signing secret, shown only this once.</summary>
    Task<ServiceResult<CreatedWebhook>> CreateAsync(Caller caller, string? url, IReadOnlyList<string>? events, CancellationToken cancellationToken = default);

    /// <summary>Every webhook, without its secret's use.</summary>
    Task<ServiceResult<IReadOnlyList<WebhookRecord>>> ListAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>One webhook.</summary>
    Task<ServiceResult<WebhookRecord>> GetAsync(Caller caller, string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a webhook: nothing more is sent to it, pending deliveries included.</summary>
    Task<ServiceResult<WebhookRecord>> DeleteAsync(Caller caller, string id, CancellationToken cancellationToken = default);

    /// <summary>Queues a ping to the webhook; it shows in the delivery log like any delivery.</summary>
    Task<ServiceResult<WebhookDelivery>> SendTestAsync(Caller caller, string id, CancellationToken cancellationToken = default);

    /// <summary>The webhook's delivery log.</summary>
    Task<ServiceResult<WebhookLog>> DeliveriesAsync(Caller caller, string id, int limit = 50, CancellationToken cancellationToken = default);
}
