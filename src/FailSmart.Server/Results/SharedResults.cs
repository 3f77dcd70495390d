using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Results;

/// <summary>
/// The results every replica shares, in the configuration store (<see cref="IResultStore"/>): each request's
/// last result as a JSON document, with the mark it was computed at. The key covers the request and this
/// release, so a result written by another release (whose results may have other fields) is computed again.
/// </summary>
internal sealed class SharedResults(IResultStore store)
{
    private static readonly JsonSerializerOptions s_json = JsonSerializerOptions.Web;

    private static readonly string s_release =
        typeof(SharedResults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    /// <summary>The store key of a request: a hash, since metric lists make requests long.</summary>
    public static string Key(ResultsRequest request) => Key("results-", request);

    /// <summary>
    /// A store key under another prefix, for other documents derived from the same request (timelines): the
    /// refresher's list of stored requests reads only keys that <see cref="Key(ResultsRequest)"/> makes.
    /// </summary>
    public static string Key(string prefix, ResultsRequest request) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s_release + "\n" + request.CacheKey)));

    /// <summary>A request as the store keeps it beside its document.</summary>
    public static string RequestJson(ResultsRequest request) => JsonSerializer.Serialize(StoredRequest.From(request), s_json);

    public async Task<SharedResult?> GetAsync(ResultsRequest request, CancellationToken cancellationToken) =>
        await store.GetResultAsync(Key(request), cancellationToken) is { } stored ? Read(stored) : null;

    /// <summary>Stores a result unless a newer one is stored; answers with the one kept, which every replica then serves.</summary>
    public async Task<SharedResult> PutAsync(ResultsRequest request, ExperimentResultsResponse result, ResultsMark mark, string replica, CancellationToken cancellationToken)
    {
        var stored = new StoredResult(
            Key(request),
            RequestJson(request),
            JsonSerializer.Serialize(result, s_json),
            mark.ConfigRevision,
            mark.StoredRows,
            result.ComputedAt ?? result.AnalyzedAt,
            replica);
        return Read(await store.PutResultAsync(stored, cancellationToken));
    }

    /// <summary>Claims a stored result for recomputing, so that one replica does it however many find it out of date.</summary>
    public Task<bool> TryClaimAsync(ResultsRequest request, string replica, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        store.TryClaimResultAsync(Key(request), replica, now, now + duration, cancellationToken);

    public Task ReleaseAsync(ResultsRequest request, string replica, CancellationToken cancellationToken) =>
        store.ReleaseResultClaimAsync(Key(request), replica, cancellationToken);

    /// <summary>Every stored request of this release, whoever asked for it.</summary>
    public async Task<IReadOnlyList<ResultsRequest>> RequestsAsync(CancellationToken cancellationToken)
    {
        var requests = new List<ResultsRequest>();
        foreach (StoredResultRequest stored in await store.ListResultRequestsAsync(cancellationToken))
        {
            // Another release's requests (or one this release cannot read) are left to it.
            if (TryReadRequest(stored.Request) is { } request && Key(request) == stored.Key)
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    private static SharedResult Read(StoredResult stored) => new(
        JsonSerializer.Deserialize<ExperimentResultsResponse>(stored.Document, s_json)!,
        new ResultsMark(stored.ConfigRevision, stored.StoredRows),
        stored.ComputedBy);

    private static ResultsRequest? TryReadRequest(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<StoredRequest>(json, s_json)?.ToRequest();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A request as stored: plain fields, so it reads back exactly.</summary>
    private sealed record StoredRequest(string Environment, string Experiment, int Phase, IReadOnlyList<StoredVariation> Variations, IReadOnlyList<string> Metrics, string? Breakdown)
    {
        public static StoredRequest From(ResultsRequest request) => new(
            request.Environment,
            request.Experiment.Key,
            request.Experiment.Phase,
            [.. request.Experiment.Variations.Select(v => new StoredVariation(v.Key, v.Weight))],
            request.MetricKeys,
            request.Breakdown);

        public ResultsRequest ToRequest() =>
            new(Environment, new ExperimentSubject(Experiment, Phase, [.. Variations.Select(v => (v.Key, v.Weight))]), Metrics, Breakdown);
    }

    private sealed record StoredVariation(string Key, double Weight);
}

/// <summary>A shared result, the mark it was computed at, and the replica that computed it.</summary>
internal sealed record SharedResult(ExperimentResultsResponse Result, ResultsMark Mark, string ComputedBy);
