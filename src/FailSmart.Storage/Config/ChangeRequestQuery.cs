namespace FailSmart.Storage.Config;

/// <summary>Filters for change requests; newest first.</summary>
public sealed record ChangeRequestQuery(ChangeRequestStatus? Status = null, ResourceKind? Kind = null, string? Key = null, long? BeforeId = null, int Limit = 50);
