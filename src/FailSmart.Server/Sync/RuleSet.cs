using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Server.Sync;

/// <summary>One environment's rule set at one revision: what SDKs download and what OFREP evaluates with.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Revision">The configuration revision it was built from.</param>
/// <param name="Json">The UTF-8 document in the configuration format.</param>
/// <param name="ETag">A strong ETag over the document's bytes.</param>
/// <param name="Evaluator">Core's evaluator over the same document.</param>
internal sealed record RuleSet(string Environment, long Revision, byte[] Json, string ETag, Evaluator Evaluator)
{
    // Patch events that lead here, by the revision they start from; Lazy so ten thousand streams asking at once encode once.
    private readonly ConcurrentDictionary<long, Lazy<byte[]?>> _patchesFrom = new();

    /// <summary>
    /// The whole SSE "put" event (event, id, the document as one data line), encoded once per revision:
    /// a change fans out to every stream as one write of the same bytes.
    /// </summary>
    public byte[] PutEvent { get; } = BuildEvent("put", Revision, Json);

    /// <summary>
    /// The SSE "patch" event from <paramref name="from"/> to this rule set, encoded once for every stream
    /// that moves between the two; null when only a full document can carry the change.
    /// </summary>
    public byte[]? PatchEventFrom(RuleSet from) =>
        _patchesFrom.GetOrAdd(from.Revision, static (_, pair) => new Lazy<byte[]?>(() => pair.To.BuildPatchEvent(pair.From)), (From: from, To: this)).Value;

    private byte[]? BuildPatchEvent(RuleSet from)
    {
        var before = (JsonObject)JsonNode.Parse(from.Json)!;
        var after = (JsonObject)JsonNode.Parse(Json)!;
        JsonObject? patch = RuleSetPatch.Create(before, after, from.Revision, Revision, ETag);
        return patch is null ? null : BuildEvent("patch", Revision, Encoding.UTF8.GetBytes(patch.ToJsonString()));
    }

    private static byte[] BuildEvent(string type, long revision, byte[] json)
    {
        // The document is compact JSON (no newlines), so it fits one data line.
        byte[] header = Encoding.UTF8.GetBytes($"event: {type}\nid: {revision.ToString(CultureInfo.InvariantCulture)}\ndata: ");
        return [.. header, .. json, (byte)'\n', (byte)'\n'];
    }
}
