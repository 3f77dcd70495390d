using System.Collections.Frozen;
using FailSmart.Core.Evaluation;

namespace FailSmart.Client.Insights;

/// <summary>
/// Evaluation counts for one rule set: one counter per (flag, variation) in a flat array, found through the
/// flag's index and the variation's index in the flag, incremented with <see cref="Interlocked"/>; the last
/// evaluation as a timestamp per flag. Counting allocates nothing. <see cref="Drain"/> takes each counter with
/// an atomic exchange, so a count that races it lands in this drain or the next, never in neither.
/// </summary>
internal sealed class EvaluationCounters
{
    private readonly FrozenDictionary<string, int> _flagIndex;
    private readonly int[] _offsets;
    private readonly int[] _variationCounts;
    private readonly string[] _flags;
    private readonly string[][] _variations;
    private readonly long[] _counts;
    private readonly long[] _lastTimestamps;
    private readonly TimeProvider _time;

    public EvaluationCounters(Evaluator evaluator, TimeProvider time)
    {
        Evaluator = evaluator;
        _time = time;
        var flags = evaluator.Configuration.Flags;
        _flags = new string[flags.Count];
        _variations = new string[flags.Count][];
        _offsets = new int[flags.Count];
        _variationCounts = new int[flags.Count];
        int slots = 0;
        for (int i = 0; i < flags.Count; i++)
        {
            _flags[i] = flags[i].Key;
            _variations[i] = [.. flags[i].Variations.Select(v => v.Key)];
            _offsets[i] = slots;
            _variationCounts[i] = _variations[i].Length;
            slots += _variations[i].Length;
        }

        _flagIndex = _flags.Select((key, index) => (key, index)).ToFrozenDictionary(p => p.key, p => p.index, StringComparer.Ordinal);
        _counts = new long[slots];
        _lastTimestamps = new long[flags.Count];
    }

    /// <summary>The rule set these counters belong to.</summary>
    public Evaluator Evaluator { get; }

    /// <summary>Drains since the rule set was replaced (the reporter's bookkeeping).</summary>
    public int RetiredDrains { get; set; }

    /// <summary>Counts one evaluation that served <paramref name="variationIndex"/> (-1, an error, is not counted).</summary>
    public void Count(string flagKey, int variationIndex)
    {
        if (variationIndex < 0 || !_flagIndex.TryGetValue(flagKey, out int flag) || variationIndex >= _variationCounts[flag])
        {
            return;
        }

        Interlocked.Increment(ref _counts[_offsets[flag] + variationIndex]);
        Volatile.Write(ref _lastTimestamps[flag], _time.GetTimestamp());
    }

    /// <summary>Takes every count since the last drain, with each flag's last evaluation as a time.</summary>
    public void Drain(List<UsageCount> into)
    {
        DateTimeOffset now = _time.GetUtcNow();
        long nowTimestamp = _time.GetTimestamp();
        for (int flag = 0; flag < _flags.Length; flag++)
        {
            DateTimeOffset? last = null;
            for (int variation = 0; variation < _variationCounts[flag]; variation++)
            {
                long count = Interlocked.Exchange(ref _counts[_offsets[flag] + variation], 0);
                if (count == 0)
                {
                    continue;
                }

                // Read after the count: an evaluation counted here wrote its timestamp already or is about to, and either is close enough.
                last ??= now - _time.GetElapsedTime(Math.Min(Volatile.Read(ref _lastTimestamps[flag]), nowTimestamp), nowTimestamp);
                into.Add(new UsageCount(_flags[flag], _variations[flag][variation], count, last.Value));
            }
        }
    }
}
