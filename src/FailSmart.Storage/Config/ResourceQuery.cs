namespace FailSmart.Storage.Config;

/// <summary>A page of one kind of resource, filtered by tag and by text in the key or document.</summary>
/// <param name="Kind">Which resources.</param>
/// <param name="Tag">Only resources with this tag, when set.</param>
/// <param name="Text">Only resources whose key or document contains this text (case-insensitive), when set.</param>
/// <param name="IncludeArchived">Whether archived resources are listed.</param>
/// <param name="Offset">How many matching resources to skip, ordered by key.</param>
/// <param name="Limit">The page size.</param>
public sealed record ResourceQuery(
    ResourceKind Kind,
    string? Tag = null,
    string? Text = null,
    bool IncludeArchived = false,
    int Offset = 0,
    int Limit = 50);
