using System.Collections.Concurrent;
using FailSmart.Protocol.Results;

namespace FailSmart.Server.Results;

/// <summary>
/// The last result of each analysis asked for, with what produced it (so the refresher can repeat it)
/// and the mark it was computed at (so a reader can tell whether it is still current).
/// </summary>
internal sealed class ResultsCache
{
    private readonly ConcurrentDictionary<string, (ResultsRequest Request, ExperimentResultsResponse Result, ResultsMark Mark)> _entries = new(StringComparer.Ordinal);

    public (ExperimentResultsResponse Result, ResultsMark Mark)? Get(ResultsRequest request) =>
        _entries.TryGetValue(request.CacheKey, out var entry) ? (entry.Result, entry.Mark) : null;

    public void Put(ResultsRequest request, ExperimentResultsResponse result, ResultsMark mark) => _entries[request.CacheKey] = (request, result, mark);

    public IReadOnlyList<ResultsRequest> Requests => [.. _entries.Values.Select(e => e.Request)];
}
