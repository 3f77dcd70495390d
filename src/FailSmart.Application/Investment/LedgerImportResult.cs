namespace FailSmart.Application.Investment;

/// <summary>What a ledger import did (or, for a dry run, would do).</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Created">Entries that did not exist.</param>
/// <param name="Replaced">Entries whose person-days, cost or note changed.</param>
/// <param name="Unchanged">Entries already stored exactly so: importing the same file again changes nothing.</param>
/// <param name="DryRun">True when nothing was written.</param>
public sealed record LedgerImportResult(int Rows, int Created, int Replaced, int Unchanged, bool DryRun)
{
    /// <summary>Entries created or replaced.</summary>
    public int Changed => Created + Replaced;

    /// <summary>"12 rows: 3 changed (1 new, 2 replaced), 9 unchanged."; a dry run says what it would change.</summary>
    public string Message => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Rows} {(Rows == 1 ? "row" : "rows")}: {Changed} {(DryRun ? "would change" : "changed")} ({Created} new, {Replaced} replaced), {Unchanged} unchanged.");
}
