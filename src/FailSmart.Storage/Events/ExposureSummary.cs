namespace FailSmart.Storage.Events;

/// <summary>Who was exposed in an experiment phase.</summary>
/// <param name="Variations">
/// Units per variation, excluding units that saw more than one. Variations with no units are absent;
/// the caller knows the configured variations and fills in zeros.
/// </param>
/// <param name="MultipleVariationUnits">Units exposed to more than one variation; excluded from every analysis.</param>
/// <param name="FirstExposure">The earliest exposure, or null when there is none.</param>
/// <param name="LastExposure">The latest exposure, or null when there is none.</param>
public sealed record ExposureSummary(
    IReadOnlyList<VariationUnits> Variations,
    long MultipleVariationUnits,
    DateTimeOffset? FirstExposure,
    DateTimeOffset? LastExposure);
