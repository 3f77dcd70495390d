using System.Text.Json;

namespace FailSmart.Protocol.Events;

/// <summary>
/// One event as SDKs send it to `POST /events/v1/batch` (a JSON array of these, or NDJSON).
/// Exposures say which variation a unit saw; metric events say what the unit did.
/// </summary>
/// <param name="Id">The idempotency id, unique per event (a UUID). A retried batch with the same ids counts once.</param>
/// <param name="Type">"exposure" or "event".</param>
/// <param name="UnitId">The unit (user, device, account) the event is about.</param>
/// <param name="Timestamp">When it happened, ISO 8601 with an offset.</param>
/// <param name="Experiment">Exposures: the experiment key.</param>
/// <param name="Phase">Exposures: the experiment phase the unit was assigned in.</param>
/// <param name="Variation">Exposures: the variation key the unit saw.</param>
/// <param name="Event">Metric events: the event name, such as "purchase".</param>
/// <param name="Value">Metric events: an optional number, such as the order value.</param>
/// <param name="Properties">Optional string attributes (country, platform …) used for breakdowns.</param>
public sealed record IngestEvent(
    string? Id,
    string? Type,
    string? UnitId,
    DateTimeOffset? Timestamp,
    string? Experiment = null,
    int? Phase = null,
    string? Variation = null,
    string? Event = null,
    double? Value = null,
    IReadOnlyDictionary<string, JsonElement>? Properties = null)
{
    public const string ExposureType = "exposure";

    public const string MetricType = "event";
}
