namespace FailSmart.Storage.Config;

/// <summary>What a ledger write did: each entry as stored now, and how many were new, replaced or already so.</summary>
/// <param name="Entries">The entries written, in the order sent, as stored after the write.</param>
/// <param name="Created">Entries that did not exist.</param>
/// <param name="Replaced">Entries whose person-days, cost or note changed.</param>
/// <param name="Unchanged">Entries already stored exactly so: not written, not audited.</param>
public sealed record LedgerWriteResult(IReadOnlyList<LedgerEntryRecord> Entries, int Created, int Replaced, int Unchanged)
{
    /// <summary>Entries created or replaced.</summary>
    public int Changed => Created + Replaced;
}
