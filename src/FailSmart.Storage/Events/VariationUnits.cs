namespace FailSmart.Storage.Events;

/// <summary>How many units saw one variation (and only it), for the sample-ratio-mismatch check.</summary>
public sealed record VariationUnits(int Variation, long Units);
