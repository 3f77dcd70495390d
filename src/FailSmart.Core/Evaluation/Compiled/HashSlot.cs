using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// One hash a flag may need (holdout, layer, rollout or experiment): seed, attribute, version, and
/// the lane of the flag's shared pass that computes it (-1 when computed on its own).
/// </summary>
internal readonly record struct HashSlot(string Seed, uint SeedState, string Attribute, string? Fallback, HashVersion Version, int Lane)
{
    public static HashSlot Create(string seed, string attribute, string? fallback, HashVersion version) =>
        new(seed, BucketHash.SeedState(seed), attribute, fallback, version, -1);

    /// <summary>Buckets per unit interval: 10,000 for version 2, 1,000 for version 1.</summary>
    public double Scale => Version == HashVersion.V1 ? 1000.0 : BucketHash.BucketCount;
}
