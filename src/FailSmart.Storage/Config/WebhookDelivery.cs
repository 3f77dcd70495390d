namespace FailSmart.Storage.Config;

/// <summary>One event on its way to one webhook.</summary>
/// <param name="Id">Increasing with time; sent as the FailSmart-Delivery header so receivers can drop repeats.</param>
/// <param name="WebhookId">The receiver.</param>
/// <param name="AuditId">The audit entry it carries; null for a ping.</param>
/// <param name="Event">The event type.</param>
/// <param name="Body">The JSON posted.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When it is tried (again) while pending.</param>
/// <param name="Status">Pending, delivered or failed.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status, if it answered.</param>
/// <param name="LastError">What went wrong last, if anything.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WebhookDelivery(
    long Id,
    string WebhookId,
    long? AuditId,
    string Event,
    string Body,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DeliveryStatus Status,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
