namespace FailSmart.Application.Populations;

/// <summary>A target population as a caller sends it, before it is checked.</summary>
/// <param name="Description">What the population is (optional).</param>
/// <param name="Attributes">The unit attributes that define the strata, such as country and platform.</param>
/// <param name="Strata">Units per stratum: one value per attribute, in the same order.</param>
public sealed record PopulationInput(string? Description, IReadOnlyList<string>? Attributes, IReadOnlyList<PopulationStratum>? Strata);
