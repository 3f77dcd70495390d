using System.Collections.Concurrent;
using FailSmart.Protocol.Results;

namespace FailSmart.Server.Results;

/// <summary>
/// This replica's front for the shared results: the last result of each request it served, with the mark it
/// was computed at, so that a read of an unchanged result does not go to the store.
/// </summary>
internal sealed class ResultsCache
{
    private readonly ConcurrentDictionary<string, (ExperimentResultsResponse Result, ResultsMark Mark)> _entries = new(StringComparer.Ordinal);

    public (ExperimentResultsResponse Result, ResultsMark Mark)? Get(ResultsRequest request) =>
        _entries.TryGetValue(request.CacheKey, out var entry) ? entry : null;

    public void Put(ResultsRequest request, ExperimentResultsResponse result, ResultsMark mark) => _entries[request.CacheKey] = (result, mark);
}
