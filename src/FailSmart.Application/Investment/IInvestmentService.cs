using FailSmart.Application.Access;
using FailSmart.Application.Problems;

namespace FailSmart.Application.Investment;

/// <summary>
/// The investment ledger and what it is set against: anyone signed in reads the ledger, the curve and the
/// portfolio; editors and administrators write entries and import them. An entry for the same feature,
/// week and phase replaces the one stored, so writing or importing the same thing twice changes nothing.
/// </summary>
public interface IInvestmentService
{
    /// <summary>A feature's entries, by week and phase.</summary>
    Task<ServiceResult<IReadOnlyList<LedgerEntry>>> ListLedgerAsync(string featureKey, CancellationToken cancellationToken = default);

    /// <summary>Adds an entry, or replaces the one for the same week and phase (Created, Changed or Unchanged).</summary>
    Task<ServiceResult<LedgerEntry>> WriteEntryAsync(Caller caller, string featureKey, LedgerEntryInput input, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the feature's entries.</summary>
    Task<ServiceResult<LedgerEntry>> DeleteEntryAsync(Caller caller, string featureKey, long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports a CSV file (see <see cref="LedgerCsv"/>), all or nothing: one bad row and nothing is written,
    /// with every row's problems named <c>$.rows[line].field</c>. A dry run checks and counts, and writes nothing.
    /// </summary>
    Task<ServiceResult<LedgerImportResult>> ImportAsync(Caller caller, string csv, bool dryRun, CancellationToken cancellationToken = default);

    /// <summary>The feature's spend against its measured return, week by week, as of now.</summary>
    Task<ServiceResult<InvestmentCurve>> CurveAsync(string featureKey, CancellationToken cancellationToken = default);

    /// <summary>Every feature that is not archived, with its spend, return and standing, by spend (largest first).</summary>
    Task<ServiceResult<IReadOnlyList<PortfolioEntry>>> PortfolioAsync(CancellationToken cancellationToken = default);
}
