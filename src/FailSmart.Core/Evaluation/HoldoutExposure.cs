using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation;

/// <summary>
/// A unit seen by a flag inside a holdout's scope: log it as an exposure of experiment
/// <see cref="AnalysisKey"/> (phase <see cref="HoldoutArmKeys.Phase"/>) with variation <see cref="Variation"/>,
/// so the holdout's results can compare the held-out units with everyone else over time.
/// </summary>
/// <param name="HoldoutKey">The holdout.</param>
/// <param name="Arm">The unit's side, by its bucket.</param>
/// <param name="Unit">The hashed attribute's value: the unit id the exposure carries.</param>
public readonly record struct HoldoutExposure(string HoldoutKey, HoldoutArm Arm, string Unit)
{
    /// <summary>"holdout:" and the holdout's key.</summary>
    public string AnalysisKey => HoldoutArmKeys.AnalysisKey(HoldoutKey);

    /// <summary>"held-out" or "exposed".</summary>
    public string Variation => HoldoutArmKeys.Of(Arm);
}
