namespace FailSmart.Storage.Config;

/// <summary>One attempt to deliver: the delivery log has one of these per try.</summary>
/// <param name="DeliveryId">The delivery tried.</param>
/// <param name="Event">Its event type.</param>
/// <param name="AuditId">The audit entry it carries; null for a ping.</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="At">When it was made.</param>
/// <param name="StatusCode">The receiver's HTTP status, if it answered.</param>
/// <param name="Error">What went wrong, if anything.</param>
/// <param name="Delivered">Whether the receiver accepted it (2xx).</param>
public sealed record DeliveryAttempt(
    long DeliveryId,
    string Event,
    long? AuditId,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    bool Delivered);
