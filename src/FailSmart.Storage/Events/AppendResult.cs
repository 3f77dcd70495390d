namespace FailSmart.Storage.Events;

/// <summary>What a store did with a batch. It returns only once the batch is durably written.</summary>
/// <param name="Exposures">Exposures received in the batch.</param>
/// <param name="MetricEvents">Metric events received in the batch.</param>
/// <param name="DuplicatesIgnored">
/// Items whose event id was already stored (or repeated in the batch), when the engine knows at write
/// time; null when it removes duplicates later (ClickHouse), which analysis accounts for.
/// </param>
public sealed record AppendResult(int Exposures, int MetricEvents, int? DuplicatesIgnored);
