namespace FailSmart.Storage.Config;

/// <summary>Filters for the audit log; newest first (oldest first with <see cref="AfterId"/>).</summary>
/// <param name="Kind">Only entries of this kind, when set.</param>
/// <param name="Key">Only entries for this key, when set.</param>
/// <param name="Actor">Only entries by exactly this actor, when set.</param>
/// <param name="Since">Only entries at or after this moment, when set.</param>
/// <param name="BeforeId">Only entries older than this id: the next page.</param>
/// <param name="Limit">The page size.</param>
/// <param name="Until">Only entries before this moment (exclusive), when set.</param>
/// <param name="Environment">Only entries that concern exactly this environment, when set.</param>
/// <param name="ActorContains">
/// Only entries whose actor contains this text, ignoring case (letters beyond ASCII too), when set.
/// '%' and '_' match themselves.
/// </param>
/// <param name="AfterId">Only entries newer than this id, oldest first: how a reader tails the log.</param>
public sealed record AuditQuery(
    string? Kind = null,
    string? Key = null,
    string? Actor = null,
    DateTimeOffset? Since = null,
    long? BeforeId = null,
    int Limit = 50,
    DateTimeOffset? Until = null,
    string? Environment = null,
    string? ActorContains = null,
    long? AfterId = null);
