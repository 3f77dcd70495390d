namespace FailSmart.Storage.Config;

/// <summary>A stored change request and its decision.</summary>
public sealed record ChangeRequest(long Id, ResourceKind Kind, string Key, string? Environment, string Action, long? BaseVersion,
    string? Document, IReadOnlyList<string> Tags, string Author, string AuthorId, string? Reason, ChangeRequestStatus Status,
    DateTimeOffset CreatedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, long? AppliedRevision);
