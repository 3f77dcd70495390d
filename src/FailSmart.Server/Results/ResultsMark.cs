namespace FailSmart.Server.Results;

/// <summary>
/// What a result was computed from: the configuration revision (experiments and metric definitions) and
/// the event store's high-water mark. A cached result is current while both are unchanged.
/// </summary>
internal readonly record struct ResultsMark(long ConfigRevision, long StoredRows);
