namespace FailSmart.Protocol.Lifecycle;

/// <summary>A ledger entry as stored.</summary>
/// <param name="Id">Identifier (DELETE /api/v1/features/{key}/ledger/{id}); kept when the entry is replaced.</param>
/// <param name="Feature">The feature's key.</param>
/// <param name="Week">The ISO week, "2026-W14".</param>
/// <param name="WeekStart">Its Monday.</param>
/// <param name="Phase">think, build, ship, tweak or maintain.</param>
/// <param name="PersonDays">Effort.</param>
/// <param name="CostPerPersonDay">The cost of a person-day for this entry; null for the feature's.</param>
/// <param name="Note">What the effort was.</param>
/// <param name="Author">Who wrote it last.</param>
/// <param name="WrittenAt">When.</param>
public sealed record LedgerEntryResponse(
    long Id,
    string Feature,
    string Week,
    DateOnly WeekStart,
    string Phase,
    double PersonDays,
    double? CostPerPersonDay,
    string? Note,
    string Author,
    DateTimeOffset WrittenAt);
