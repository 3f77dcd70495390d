using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// One analysis result per request, shared by every replica, so that all of them serve the same numbers and
/// the analysis runs once. The result is a document the server owns; the store only orders results by the
/// mark they were computed at and never lets a newer one be replaced by an older. Writing a result is not a
/// change of configuration: it is not audited and does not advance the revision.
/// </summary>
public interface IResultStore
{
    /// <summary>The result stored under <paramref name="key"/>, or null.</summary>
    Task<StoredResult?> GetResultAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every stored request with its key, ordered by key (documents left out).</summary>
    Task<IReadOnlyList<StoredResultRequest>> ListResultRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="result"/> if it is newer than the one stored (<see cref="StoredResult.IsNewerThan"/>)
    /// or nothing is stored, and returns the result the store holds afterwards: <paramref name="result"/> or the one that won.
    /// A stored result replaced by its own claimant's gives the claim up.
    /// </summary>
    Task<StoredResult> PutResultAsync(StoredResult result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the stored result <paramref name="key"/> for <paramref name="holder"/> until <paramref name="until"/>,
    /// so that of several replicas that find it out of date only one computes it again: true when it was
    /// unclaimed, its claim expired at <paramref name="now"/>, or <paramref name="holder"/> held it already.
    /// False as well when nothing is stored under the key.
    /// </summary>
    Task<bool> TryClaimResultAsync(string key, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Deletes the results computed before <paramref name="before"/> (nobody refreshed or asked for them since); returns how many.</summary>
    Task<int> DeleteResultsComputedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Gives the claim up if <paramref name="holder"/> holds it (a computation that failed).</summary>
    Task ReleaseResultClaimAsync(string key, string holder, CancellationToken cancellationToken = default);
}
