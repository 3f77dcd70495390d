namespace FailSmart.Storage.Config;

/// <summary>An event to deliver to one webhook.</summary>
/// <param name="WebhookId">The receiver.</param>
/// <param name="AuditId">The audit entry it carries; null for a ping.</param>
/// <param name="Event">The event type: the audit action, or "ping".</param>
/// <param name="Body">The JSON posted, fixed when the delivery is created so every attempt sends (and signs) the same bytes.</param>
public sealed record NewDelivery(string WebhookId, long? AuditId, string Event, string Body);
