namespace FailSmart.Storage.Config;

/// <summary>Filters for the audit log; newest first.</summary>
public sealed record AuditQuery(
    string? Kind = null,
    string? Key = null,
    string? Actor = null,
    DateTimeOffset? Since = null,
    long? BeforeId = null,
    int Limit = 50,
    DateTimeOffset? Until = null,
    string? Environment = null,
    string? ActorContains = null);
