namespace FailSmart.Protocol.Lifecycle;

/// <summary>What a ledger import did (POST /api/v1/ledger/import), or with dryRun=true would do.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Created">New entries.</param>
/// <param name="Replaced">Entries whose person-days, cost or note changed.</param>
/// <param name="Unchanged">Entries already stored so.</param>
/// <param name="Changed">Created plus replaced: 0 when the same file is imported again.</param>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Message">The same in words ("12 rows: 0 changed, 12 unchanged").</param>
public sealed record LedgerImportResponse(int Rows, int Created, int Replaced, int Unchanged, int Changed, bool DryRun, string Message);
