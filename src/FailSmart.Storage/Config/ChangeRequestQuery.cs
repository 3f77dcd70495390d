namespace FailSmart.Storage.Config;

/// <summary>Filters for change requests; newest first.</summary>
/// <param name="Status">Only requests in this status, when set.</param>
/// <param name="Kind">Only requests for this kind, when set.</param>
/// <param name="Key">Only requests for this key, when set.</param>
/// <param name="BeforeId">Only requests older than this id: the next page.</param>
/// <param name="Limit">The page size.</param>
public sealed record ChangeRequestQuery(
    ChangeRequestStatus? Status = null,
    ResourceKind? Kind = null,
    string? Key = null,
    long? BeforeId = null,
    int Limit = 50);
