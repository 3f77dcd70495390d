namespace FailSmart.Protocol.Populations;

/// <summary>A target population to store (PUT /api/v1/populations/{key} as JSON; the same table may be sent as text/csv).</summary>
/// <param name="Description">What the population is, such as "Launch markets, units per market and platform, 2026 Q1" (up to 500 characters).</param>
/// <param name="Attributes">The unit attributes that define the strata (1 to 5), as exposures name them: ["country", "platform"].</param>
/// <param name="Strata">Units per stratum (1 to 1,000), each with one value per attribute in the same order.</param>
public sealed record PopulationRequest(string? Description, IReadOnlyList<string>? Attributes, IReadOnlyList<PopulationStratumRequest>? Strata);
