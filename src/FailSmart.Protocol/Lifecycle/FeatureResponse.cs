namespace FailSmart.Protocol.Lifecycle;

/// <summary>
/// A feature as the API answers it: the fields of <see cref="FeatureRequest"/>, plus its phase (think, build,
/// ship, tweak, maintain or stopped), its write version (the ETag is this number in quotes), whether it is
/// archived, and who created it and when.
/// </summary>
public sealed record FeatureResponse(
    string Key,
    string Name,
    string Owner,
    string Problem,
    HypothesisBody? Hypothesis,
    string Phase,
    IReadOnlyList<FeatureLinkBody> Links,
    double? ValuePerUnit,
    string? Currency,
    double? CostPerPersonDay,
    long Version,
    bool Archived,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
