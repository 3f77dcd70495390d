namespace FailSmart.Storage.Config;

/// <summary>Filters for scheduled changes; newest first.</summary>
/// <param name="Status">Only changes in this status, when set.</param>
/// <param name="Kind">Only changes to this kind, when set.</param>
/// <param name="Key">Only changes to this key, when set.</param>
/// <param name="BeforeId">Only changes older than this id: the next page.</param>
/// <param name="Limit">The page size.</param>
public sealed record ScheduleQuery(
    ScheduleStatus? Status = null,
    ResourceKind? Kind = null,
    string? Key = null,
    long? BeforeId = null,
    int Limit = 50);
