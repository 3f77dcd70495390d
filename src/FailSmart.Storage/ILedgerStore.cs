using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// The investment ledger: effort per feature, ISO week and phase, kept in the configuration store so
/// replicas share it. Every change is audited (kind "ledger", key the feature) and advances the
/// configuration revision; a write that changes nothing is neither.
/// </summary>
public interface ILedgerStore
{
    /// <summary>
    /// Writes every entry in one transaction, each replacing the stored entry with the same feature, week
    /// and phase (audited as "ledger.write" with before and after). All or nothing: a failure writes none.
    /// </summary>
    Task<LedgerWriteResult> WriteLedgerEntriesAsync(IReadOnlyList<LedgerEntryWrite> entries, string actor, CancellationToken cancellationToken = default);

    /// <summary>A feature's entries (every feature's when <paramref name="featureKey"/> is null), by feature, week and phase.</summary>
    Task<IReadOnlyList<LedgerEntryRecord>> ListLedgerEntriesAsync(string? featureKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes an entry of this feature, audited as "ledger.delete"; null, and nothing written, when there is none.</summary>
    Task<LedgerEntryRecord?> DeleteLedgerEntryAsync(string featureKey, long id, string actor, CancellationToken cancellationToken = default);
}
