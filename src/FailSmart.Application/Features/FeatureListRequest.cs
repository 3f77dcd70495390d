namespace FailSmart.Application.Features;

/// <summary>Which features to list: by phase, by words in the name, key or owner, archived ones only when asked.</summary>
public sealed record FeatureListRequest(FeaturePhase? Phase = null, string? Text = null, bool IncludeArchived = false);
