namespace FailSmart.Storage.Config;

/// <summary>An entry to add, or to put in place of the one with the same feature, week and phase.</summary>
/// <param name="FeatureKey">The feature.</param>
/// <param name="Week">The Monday that starts the ISO week.</param>
/// <param name="Phase">think, build, ship, tweak or maintain.</param>
/// <param name="PersonDays">Effort in person-days.</param>
/// <param name="CostPerPersonDay">The cost of a person-day that week, or null for the feature's.</param>
/// <param name="Note">What the effort was, or null.</param>
public sealed record LedgerEntryWrite(string FeatureKey, DateOnly Week, string Phase, double PersonDays, double? CostPerPersonDay, string? Note);
