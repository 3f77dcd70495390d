namespace FailSmart.Storage.Config;

/// <summary>
/// Effort spent on a feature in one ISO week for one phase of its work, as the ledger keeps it. There is
/// at most one entry per feature, week and phase: writing the same three again replaces it.
/// </summary>
/// <param name="Id">Increasing per store; kept when the entry is replaced.</param>
/// <param name="FeatureKey">The feature the effort went into.</param>
/// <param name="Week">The Monday (UTC date) that starts the ISO week.</param>
/// <param name="Phase">The phase the work was for: think, build, ship, tweak or maintain.</param>
/// <param name="PersonDays">Effort in person-days, in steps of a quarter.</param>
/// <param name="CostPerPersonDay">What a person-day cost that week, when it differs from the feature's; null for the feature's.</param>
/// <param name="Note">What the effort was, in the author's words; null for none.</param>
/// <param name="Author">Who wrote the entry last.</param>
/// <param name="CreatedAt">When it was last written.</param>
public sealed record LedgerEntryRecord(
    long Id,
    string FeatureKey,
    DateOnly Week,
    string Phase,
    double PersonDays,
    double? CostPerPersonDay,
    string? Note,
    string Author,
    DateTimeOffset CreatedAt);
