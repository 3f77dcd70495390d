using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// How often each flag is evaluated, as the clients that report it say: daily buckets per environment, flag
/// and variation with a count and the last evaluation, and which sources reported them. Approximate by
/// design (a client's counts since its last flush are lost with it); exposures are the exact record.
/// </summary>
public interface IFlagUsageStore
{
    /// <summary>
    /// Adds a report's counts to their days (the UTC day of each count's last evaluation) and notes that its
    /// source reported for the environment, in one transaction. A report whose id was recorded before is
    /// ignored and answers false, so a resent flush does not count twice.
    /// </summary>
    Task<bool> RecordUsageAsync(FlagUsageReport report, CancellationToken cancellationToken = default);

    /// <summary>The daily rows from <see cref="FlagUsageQuery.From"/> on, oldest first.</summary>
    Task<IReadOnlyList<FlagUsageDay>> ListUsageAsync(FlagUsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every source that has reported, per environment, with when it last did.</summary>
    Task<IReadOnlyList<FlagUsageSource>> ListUsageSourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes daily rows of days before <paramref name="before"/> and the report ids received before it; answers the rows deleted.</summary>
    Task<int> PruneUsageAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
