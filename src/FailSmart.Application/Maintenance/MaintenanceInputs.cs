namespace FailSmart.Application.Maintenance;

/// <summary>How one flag is used in one environment, as the flag insights report it.</summary>
public sealed record FlagUse(string Flag, string Environment, string Status, long Evaluations30Days, DateTimeOffset? LastEvaluated, string? SuggestedAction);

/// <summary>Effort recorded against a feature in one week, as the ledger holds it.</summary>
public sealed record Effort(DateOnly Week, double PersonDays, double? CostPerPersonDay);

/// <summary>A feature in Maintain with what the review reads about it.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="InMaintainSince">When the decision moved it into Maintain; null when none did (it was created or imported there).</param>
/// <param name="Efforts">Its ledger, every week.</param>
public sealed record MaintenanceInput(Features.Feature Feature, DateTimeOffset? InMaintainSince, IReadOnlyList<Effort> Efforts);
