namespace FailSmart.Storage.Config;

/// <summary>A create, update, archive or unarchive, with what the audit log records about it.</summary>
/// <param name="Kind">What is written.</param>
/// <param name="Key">Which one.</param>
/// <param name="Document">The new document (ignored by archive and unarchive).</param>
/// <param name="Tags">The new tags (ignored by archive and unarchive).</param>
/// <param name="ExpectedVersion">For update and archive: the version the writer last read (optimistic concurrency); null skips the check.</param>
/// <param name="Actor">Who makes the change (an API key's name, or a user).</param>
/// <param name="Reason">Why, when the writer says.</param>
/// <param name="Environment">Set when the change concerns one environment only (a flag toggled there).</param>
/// <param name="ValidatedAtRevision">
/// The configuration revision the writer validated the whole configuration at. When set, the write
/// commits only if no other change was committed since (<see cref="WriteStatus.ConfigurationChanged"/>
/// otherwise), so two writes that are each valid alone cannot together store an invalid configuration.
/// </param>
/// <param name="Approver">Who approved the change, when it was applied from an approved change request.</param>
public sealed record ResourceWrite(
    ResourceKind Kind,
    string Key,
    string Document,
    IReadOnlyList<string> Tags,
    long? ExpectedVersion,
    string Actor,
    string? Reason = null,
    string? Environment = null,
    long? ValidatedAtRevision = null,
    string? Approver = null);
