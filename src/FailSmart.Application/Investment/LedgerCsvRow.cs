namespace FailSmart.Application.Investment;

/// <summary>One data row of a ledger CSV file, as text, with the line it starts on (the header is line 1).</summary>
public sealed record LedgerCsvRow(int Line, string Feature, string Week, string Phase, string PersonDays, string? CostPerPersonDay, string? Note);
