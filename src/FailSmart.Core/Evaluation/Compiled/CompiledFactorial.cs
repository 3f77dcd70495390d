using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// A factorial launch's features with their seeds hashed once. A unit's cell is one bit per feature,
/// each bit its own version-2 hash of (feature seed, unit) below one half, so the features are
/// independent of each other and of the launch's coverage hash.
/// </summary>
internal sealed class CompiledFactorial(FactorialDesign design)
{
    /// <summary>Buckets below this switch a feature on: [0, 0.5).</summary>
    public const int OnBuckets = BucketHash.BucketCount / 2;

    private readonly uint[] _seedStates = [.. design.Features.Select(f => BucketHash.SeedState(f.Seed))];

    public FactorialDesign Design => design;

    /// <summary>The unit's cell as an index into <see cref="FactorialCells.All"/>: the first feature is the highest bit.</summary>
    public int CellOf(string unit)
    {
        uint[] seeds = _seedStates;
        int cell = 0;
        for (int i = 0; i < seeds.Length; i++)
        {
            cell = (cell << 1) | (BucketHash.BucketV2FromSeedState(seeds[i], unit) < OnBuckets ? 1 : 0);
        }

        return cell;
    }

    /// <summary>The flag's variation a feature serves when on (the one worth true) or off (false); -1 when it has none.</summary>
    public static int VariationFor(Flag flag, bool on)
    {
        for (int i = 0; i < flag.Variations.Count; i++)
        {
            if (flag.Variations[i].Value.Kind == Values.DataValueKind.Boolean && flag.Variations[i].Value.AsBoolean() == on)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Feature <paramref name="feature"/>'s bucket for the unit, for explanations.</summary>
    public int BucketOf(int feature, string unit) => BucketHash.BucketV2FromSeedState(_seedStates[feature], unit);
}
