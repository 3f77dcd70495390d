using System.Text.Json;

namespace FailSmart.Protocol.Admin;

/// <summary>A configuration resource as the admin API returns it. The ETag header carries the version.</summary>
/// <param name="Kind">flag, segment, experiment, layer, holdout or metric.</param>
/// <param name="Key">Unique within its kind.</param>
/// <param name="Version">Increases by one with every write.</param>
/// <param name="Archived">Archived resources are kept but leave rule sets.</param>
/// <param name="Tags">Labels for filtering.</param>
/// <param name="UpdatedAt">When the last write was committed.</param>
/// <param name="Document">The resource in the configuration format.</param>
public sealed record ResourceResponse(
    string Kind,
    string Key,
    long Version,
    bool Archived,
    IReadOnlyList<string> Tags,
    DateTimeOffset UpdatedAt,
    JsonElement Document);
