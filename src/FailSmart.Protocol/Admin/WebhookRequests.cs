namespace FailSmart.Protocol.Admin;

/// <summary>Creates a webhook.</summary>
/// <param name="Url">Where events are posted: an http or https address.</param>
/// <param name="Events">Event types to send: exact ("schedule.apply"), families ("rollout.*", "flag.*") or "*".</param>
public sealed record WebhookCreateRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>A webhook, without its secret.</summary>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A new webhook and its signing secret, shown only in this answer.</summary>
public sealed record WebhookCreatedResponse(WebhookResponse Webhook, string Secret);

/// <summary>One event on its way to a webhook. Status is pending, delivered or failed.</summary>
public sealed record WebhookDeliveryResponse(
    long Id, string Event, long? AuditId, int Attempts, string Status, DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One attempt to deliver.</summary>
public sealed record WebhookAttemptResponse(long DeliveryId, string Event, long? AuditId, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, bool Delivered);

/// <summary>A webhook's delivery log: deliveries and every attempt, newest first.</summary>
public sealed record WebhookDeliveryLogResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries, IReadOnlyList<WebhookAttemptResponse> Attempts);
