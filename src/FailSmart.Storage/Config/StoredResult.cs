namespace FailSmart.Storage.Config;

/// <summary>
/// One shared analysis result and what it was computed from.
/// </summary>
/// <param name="Key">The request's key, chosen by the server (at most 200 characters).</param>
/// <param name="Request">What was analysed, as the server wrote it, so the leader can repeat it.</param>
/// <param name="Document">The result, as the server serialised it.</param>
/// <param name="ConfigRevision">The configuration revision it was computed at.</param>
/// <param name="StoredRows">The event store's high-water mark it was computed at.</param>
/// <param name="ComputedAt">When the analysis ran.</param>
/// <param name="ComputedBy">The replica that ran it.</param>
public sealed record StoredResult(string Key, string Request, string Document, long ConfigRevision, long StoredRows, DateTimeOffset ComputedAt, string ComputedBy)
{
    /// <summary>
    /// Whether this result comes after <paramref name="other"/>: computed at a later configuration revision, or at
    /// the same one over more events or later. Either sign is enough: ClickHouse's count can fall when a merge drops
    /// duplicate rows, so a later analysis may have counted fewer rows; and a clock may stand behind another (or be
    /// set back, as the demo does), so an analysis over more events may carry an earlier time. An out-of-date result
    /// kept this way is never current, so the next reader recomputes it.
    /// </summary>
    public bool IsNewerThan(StoredResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ConfigRevision > other.ConfigRevision
            || (ConfigRevision == other.ConfigRevision && (StoredRows > other.StoredRows || ComputedAt > other.ComputedAt));
    }
}
