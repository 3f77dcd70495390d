using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>An experiment with its variation ranges computed once.</summary>
internal sealed class CompiledExperiment
{
    // Each range as integer buckets [start, end): the same test as start <= bucket / scale < end,
    // decided without dividing on every evaluation.
    private readonly int[] _bucketStarts;
    private readonly int[] _bucketEnds;

    public CompiledExperiment(Experiment experiment, BucketRange[] ranges, LayerIndex? layer)
    {
        Experiment = experiment;
        Ranges = ranges;
        Layer = layer;
        Factorial = experiment.Factorial is { } design ? new CompiledFactorial(design) : null;
        int scale = experiment.HashVersion == HashVersion.V1 ? 1000 : BucketHash.BucketCount;
        _bucketStarts = [.. ranges.Select(r => FlagCompiler.BucketsBelow(r.Start, scale))];
        _bucketEnds = [.. ranges.Select(r => FlagCompiler.BucketsBelow(r.End, scale))];
    }

    public Experiment Experiment { get; }

    public BucketRange[] Ranges { get; }

    /// <summary>The layer's bucket owners; null when the experiment is not in a layer.</summary>
    public LayerIndex? Layer { get; }

    /// <summary>The features a factorial launch crosses; null for an ordinary experiment.</summary>
    public CompiledFactorial? Factorial { get; }

    /// <summary>The first variation whose range holds the bucket, or -1: <see cref="VariationRanges.Choose"/> on bucket / scale.</summary>
    public int Choose(int bucket)
    {
        int[] starts = _bucketStarts;
        int[] ends = _bucketEnds;
        for (int i = 0; i < starts.Length && i < ends.Length; i++)
        {
            if (bucket >= starts[i] && bucket < ends[i])
            {
                return i;
            }
        }

        return -1;
    }
}
