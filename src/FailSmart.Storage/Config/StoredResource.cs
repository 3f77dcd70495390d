namespace FailSmart.Storage.Config;

/// <summary>
/// One configuration resource as the store keeps it: its document (the configuration format's JSON,
/// validated by Core before it gets here) plus what the store needs to list, filter and version it.
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="Key">Unique within its kind.</param>
/// <param name="Version">Starts at 1; every write adds one. The HTTP ETag is derived from it.</param>
/// <param name="Document">The resource's JSON document.</param>
/// <param name="Tags">Free-form labels for filtering.</param>
/// <param name="Archived">Archived resources are kept for history but leave rule sets.</param>
/// <param name="UpdatedAt">When the last write was committed.</param>
public sealed record StoredResource(
    ResourceKind Kind,
    string Key,
    long Version,
    string Document,
    IReadOnlyList<string> Tags,
    bool Archived,
    DateTimeOffset UpdatedAt);
