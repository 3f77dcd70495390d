namespace FailSmart.Storage.Config;

/// <summary>A stored change request: the proposal (as <see cref="NewChangeRequest"/>) and its decision.</summary>
/// <param name="Id">Increasing with time.</param>
/// <param name="Kind">What would be written.</param>
/// <param name="Key">Which one.</param>
/// <param name="Environment">The environment the change concerns, when it concerns one.</param>
/// <param name="Action">"create", "update", "toggle", "archive" or "unarchive".</param>
/// <param name="BaseVersion">The version the author read; null for a create.</param>
/// <param name="Document">The full proposed document; null for archive and unarchive.</param>
/// <param name="Tags">The proposed tags.</param>
/// <param name="Author">How the audit log names the author.</param>
/// <param name="AuthorId">The author's account id or API key id.</param>
/// <param name="Reason">Why, when the author said.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="CreatedAt">When it was proposed.</param>
/// <param name="DecidedBy">Who took it out of <see cref="ChangeRequestStatus.Pending"/>.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecisionNote">What they said.</param>
/// <param name="AppliedRevision">The configuration revision of the applied write.</param>
public sealed record ChangeRequest(
    long Id,
    ResourceKind Kind,
    string Key,
    string? Environment,
    string Action,
    long? BaseVersion,
    string? Document,
    IReadOnlyList<string> Tags,
    string Author,
    string AuthorId,
    string? Reason,
    ChangeRequestStatus Status,
    DateTimeOffset CreatedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    long? AppliedRevision);
