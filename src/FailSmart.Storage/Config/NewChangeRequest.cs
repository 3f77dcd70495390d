namespace FailSmart.Storage.Config;

/// <summary>A proposed change to an environment that requires approval.</summary>
/// <param name="Kind">What would be written.</param>
/// <param name="Key">Which one.</param>
/// <param name="Environment">The environment the change concerns, when it concerns one.</param>
/// <param name="Action">"create", "update", "toggle", "archive" or "unarchive".</param>
/// <param name="BaseVersion">The version the author read; null for a create.</param>
/// <param name="Document">The full proposed document (as <see cref="ResourceWrite.Document"/>: without tags); null for archive and unarchive.</param>
/// <param name="Tags">The proposed tags.</param>
/// <param name="Author">How the audit log names the author.</param>
/// <param name="AuthorId">The author's account id or API key id, so nobody approves their own request.</param>
/// <param name="Reason">Why, when the author says.</param>
public sealed record NewChangeRequest(
    ResourceKind Kind,
    string Key,
    string? Environment,
    string Action,
    long? BaseVersion,
    string? Document,
    IReadOnlyList<string> Tags,
    string Author,
    string AuthorId,
    string? Reason);
