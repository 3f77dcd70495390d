using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// The holdout exposures an evaluation of <paramref name="flagKey"/> is due: one per holdout whose scope
    /// covers the flag (all flags, or the flag by name), with the unit's side by its bucket. None when the
    /// flag is off, missing, failed a prerequisite or the unit has no holdout attribute, since such a unit
    /// never reached the holdout. Kept apart from <see cref="Evaluate"/> so flags outside every holdout
    /// pay one array-length check, and the evaluation result stays one small struct.
    /// </summary>
    public IReadOnlyList<HoldoutExposure> HoldoutExposures(string flagKey, in EvaluationResult result, IAttributeSource attributes)
    {
        if (flagKey is null || !_flags.TryGetValue(flagKey, out CompiledFlag? flag) || flag.Holdouts.Length == 0
            || !flag.HasEnvironment || !flag.Enabled
            || result.Reason is EvaluationReason.Error or EvaluationReason.Disabled or EvaluationReason.PrerequisiteFailed)
        {
            return [];
        }

        var hashes = new UnitHashes(flag.Lanes, attributes ?? Attributes.Empty);
        var exposures = new List<HoldoutExposure>(flag.Holdouts.Length);
        foreach (CompiledHoldout holdout in flag.Holdouts)
        {
            if (hashes.TryGetBucket(holdout.Slot, out int bucket, out _, out string unit) && unit.Length > 0)
            {
                exposures.Add(new HoldoutExposure(holdout.Holdout.Key, holdout.Holdout.Buckets.Contains(bucket) ? Model.HoldoutArm.HeldOut : Model.HoldoutArm.Exposed, unit));
            }
        }

        return exposures;
    }
}
