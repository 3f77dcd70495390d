namespace FailSmart.Server.Results;

/// <summary>
/// What a result was computed from: the configuration revision (experiments and metric definitions) and
/// the event store's high-water mark. A result is current while it covers the mark read now.
/// </summary>
internal readonly record struct ResultsMark(long ConfigRevision, long StoredRows)
{
    /// <summary>
    /// Whether a result computed at this mark is current at <paramref name="now"/>: the same events, and the
    /// configuration as new or newer (another replica may have heard of a write before this one).
    /// </summary>
    public bool Covers(ResultsMark now) => ConfigRevision >= now.ConfigRevision && StoredRows == now.StoredRows;
}
