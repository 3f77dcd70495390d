using System.Collections.Concurrent;
using System.Text;
using FailSmart.Server.Sync;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// The OFREP event stream's one message, {"type":"refetchEvaluation"}, encoded once per environment and rule
/// set: a change fans out to every open stream as one write of the same bytes, as the SDK stream's events do,
/// rather than each stream formatting its own copy.
/// </summary>
internal sealed class OfrepRefetchEvents
{
    // The last message of each environment, by the ETag it names; Lazy so streams woken together encode once.
    private readonly ConcurrentDictionary<string, (string ETag, Lazy<byte[]> Message)> _latest = new(StringComparer.Ordinal);
    private long _encoded;

    /// <summary>How many messages were encoded since the server started: one per change of a streamed environment, whatever the number of streams.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    /// <summary>The event id for a rule set: its ETag without quotes.</summary>
    public static string EventId(RuleSet ruleSet) => ruleSet.ETag.Trim('"');

    /// <summary>The SSE message that tells providers to evaluate again against <paramref name="ruleSet"/>.</summary>
    public byte[] For(RuleSet ruleSet)
    {
        (string ETag, Lazy<byte[]> Message) entry = _latest.AddOrUpdate(
            ruleSet.Environment,
            static (_, state) => state.Self.Entry(state.RuleSet),
            static (_, held, state) => held.ETag == state.RuleSet.ETag ? held : state.Self.Entry(state.RuleSet),
            (Self: this, RuleSet: ruleSet));
        return entry.Message.Value;
    }

    private (string, Lazy<byte[]>) Entry(RuleSet ruleSet) => (ruleSet.ETag, new Lazy<byte[]>(() => Encode(ruleSet)));

    private byte[] Encode(RuleSet ruleSet)
    {
        Interlocked.Increment(ref _encoded);
        string id = EventId(ruleSet);
        return Encoding.UTF8.GetBytes($"id: {id}\ndata: {{\"type\":\"refetchEvaluation\",\"etag\":\"\\\"{id}\\\"\"}}\n\n");
    }
}
