namespace FailSmart.Core.Model;

/// <summary>
/// A rollout placed by Microsoft.FeatureManagement's targeting hash (<see cref="Bucketing.FeatureManagementHash"/>)
/// instead of GrowthBook's, for rules imported from it, so every user keeps the answer they had. The rule
/// serves the units whose percentage lies in [<see cref="From"/>, <see cref="To"/>) (100 included when
/// <see cref="To"/> is 100); the rollout's seed is the hint hashed after the unit id.
/// </summary>
/// <param name="From">Where the range starts, in percent (a percentile allocation's <c>From</c>; 0 for a targeting rollout).</param>
/// <param name="To">Where it ends, in percent, exactly as written (the rollout's percentage).</param>
public sealed record FeatureManagementBucketing(double From, double To)
{
    public bool IsValid => From is >= 0 and <= 100 && To is >= 0 and <= 100 && From <= To;
}
