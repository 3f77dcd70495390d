namespace FailSmart.Storage.Events;

/// <summary>Something a unit did that metrics count or sum (a purchase, a session, a page load).</summary>
/// <param name="EventId">The sender's idempotency id: a retried event with the same id counts once.</param>
/// <param name="Environment">The environment key.</param>
/// <param name="UnitId">The unit that did it.</param>
/// <param name="EventName">What happened; metric definitions select events by this name.</param>
/// <param name="Value">A number carried by the event (revenue, latency); null when it has none.</param>
/// <param name="OccurredAt">When it happened (the sender's clock).</param>
/// <param name="Properties">Free-form event attributes, stored for later use.</param>
public sealed record MetricEvent(
    string EventId,
    string Environment,
    string UnitId,
    string EventName,
    double? Value,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string>? Properties = null);
