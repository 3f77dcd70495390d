using System.Collections.Concurrent;
using FailSmart.Protocol.Results;

namespace FailSmart.Server.Results;

/// <summary>The last result of each analysis asked for, with what produced it, so the refresher can repeat it.</summary>
internal sealed class ResultsCache
{
    private readonly ConcurrentDictionary<string, (ResultsRequest Request, ExperimentResultsResponse Result)> _entries = new(StringComparer.Ordinal);

    public ExperimentResultsResponse? Get(ResultsRequest request) =>
        _entries.TryGetValue(request.CacheKey, out var entry) ? entry.Result : null;

    public void Put(ResultsRequest request, ExperimentResultsResponse result) => _entries[request.CacheKey] = (request, result);

    public IReadOnlyList<ResultsRequest> Requests => [.. _entries.Values.Select(e => e.Request)];
}
