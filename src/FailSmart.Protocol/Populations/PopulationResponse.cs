namespace FailSmart.Protocol.Populations;

/// <summary>A stored target population.</summary>
/// <param name="Key">Its key, used as ?population= in representativeness queries.</param>
/// <param name="Description">What it is.</param>
/// <param name="Attributes">The attributes that define its strata.</param>
/// <param name="Strata">Units per stratum.</param>
/// <param name="TotalUnits">The units of every stratum together.</param>
/// <param name="Version">1 when created, one more on each change.</param>
/// <param name="UpdatedBy">Who uploaded the current table.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record PopulationResponse(
    string Key,
    string? Description,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<PopulationStratumResponse> Strata,
    double TotalUnits,
    long Version,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);
