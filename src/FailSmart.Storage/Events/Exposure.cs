namespace FailSmart.Storage.Events;

/// <summary>A unit was shown a variation of an experiment phase.</summary>
/// <param name="EventId">The sender's idempotency id: a retried exposure with the same id counts once.</param>
/// <param name="Environment">The environment key.</param>
/// <param name="UnitId">The randomisation unit (user, device, account).</param>
/// <param name="ExperimentKey">The experiment.</param>
/// <param name="Phase">The experiment phase; analysis is per phase.</param>
/// <param name="Variation">The variation index the unit was assigned.</param>
/// <param name="OccurredAt">When the unit was exposed (the sender's clock).</param>
/// <param name="Properties">
/// Unit attributes at exposure time (country, platform, …). Breakdowns read them from the unit's first
/// exposure, so they describe the unit as it entered the experiment.
/// </param>
public sealed record Exposure(
    string EventId,
    string Environment,
    string UnitId,
    string ExperimentKey,
    int Phase,
    int Variation,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string>? Properties = null);
