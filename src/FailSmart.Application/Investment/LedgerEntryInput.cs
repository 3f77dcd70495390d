namespace FailSmart.Application.Investment;

/// <summary>A ledger entry as sent: every field may be missing or wrong, and validation says which.</summary>
/// <param name="Week">"2026-W14" or any date in the week.</param>
/// <param name="Phase">think, build, ship, tweak or maintain; missing for the feature's phase now.</param>
/// <param name="PersonDays">More than 0, at most 350, in steps of 0.25.</param>
/// <param name="CostPerPersonDay">Optional; overrides the feature's for this entry.</param>
/// <param name="Note">Optional, up to 500 characters.</param>
public sealed record LedgerEntryInput(string? Week, string? Phase, double? PersonDays, double? CostPerPersonDay = null, string? Note = null);
