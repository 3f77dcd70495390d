namespace FailSmart.Protocol.Lifecycle;

/// <summary>
/// One ledger entry to add (POST /api/v1/features/{key}/ledger). An entry for the same week and phase
/// replaces the one stored.
/// </summary>
/// <param name="Week">"2026-W14", or any date in the week ("2026-04-01"); weeks start on Monday (UTC).</param>
/// <param name="Phase">The phase the work was for: think, build, ship, tweak or maintain; leave it out for the feature's phase now.</param>
/// <param name="PersonDays">Effort: more than 0, at most 350, in steps of 0.25.</param>
/// <param name="CostPerPersonDay">What a person-day cost that week, when it differs from the feature's.</param>
/// <param name="Note">What the effort was (up to 500 characters).</param>
public sealed record LedgerEntryRequest(string? Week, string? Phase, double? PersonDays, double? CostPerPersonDay, string? Note);
