using System.Globalization;
using System.Text;
using FailSmart.Core.Evaluation;

namespace FailSmart.Server.Sync;

/// <summary>One environment's rule set at one revision: what SDKs download and what OFREP evaluates with.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Revision">The configuration revision it was built from.</param>
/// <param name="Json">The UTF-8 document in the configuration format.</param>
/// <param name="ETag">A strong ETag over the document's bytes.</param>
/// <param name="Evaluator">Core's evaluator over the same document.</param>
internal sealed record RuleSet(string Environment, long Revision, byte[] Json, string ETag, Evaluator Evaluator)
{
    /// <summary>
    /// The whole SSE "put" event (event, id, the document as one data line), encoded once per revision:
    /// a change fans out to every stream as one write of the same bytes.
    /// </summary>
    public byte[] PutEvent { get; } = BuildPutEvent(Revision, Json);

    private static byte[] BuildPutEvent(long revision, byte[] json)
    {
        // The document is compact JSON (no newlines), so it fits one data line.
        byte[] header = Encoding.UTF8.GetBytes($"event: put\nid: {revision.ToString(CultureInfo.InvariantCulture)}\ndata: ");
        return [.. header, .. json, (byte)'\n', (byte)'\n'];
    }
}
