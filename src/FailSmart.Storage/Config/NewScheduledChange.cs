namespace FailSmart.Storage.Config;

/// <summary>A configuration change to apply later, as its author wrote it.</summary>
/// <param name="DueAt">When it is to be applied.</param>
/// <param name="Kind">What will be written.</param>
/// <param name="Key">Which one.</param>
/// <param name="Environment">For a toggle, the environment it turns the flag on or off in.</param>
/// <param name="Action">"update" (the document replaces the resource's), "create" or "toggle".</param>
/// <param name="Enabled">For a toggle, the new state.</param>
/// <param name="Document">For update and create, the full document in the configuration format, tags included.</param>
/// <param name="Tags">The tags the document carries.</param>
/// <param name="BaseVersion">The version it was written against; null for a create. Applied only if the resource is still at it.</param>
/// <param name="Author">How the audit log names the author.</param>
/// <param name="AuthorId">The author's account id or API key id, so the author's access is checked again when it is due.</param>
/// <param name="Reason">Why, when the author said.</param>
public sealed record NewScheduledChange(
    DateTimeOffset DueAt,
    ResourceKind Kind,
    string Key,
    string? Environment,
    string Action,
    bool? Enabled,
    string? Document,
    IReadOnlyList<string> Tags,
    long? BaseVersion,
    string Author,
    string AuthorId,
    string? Reason);
