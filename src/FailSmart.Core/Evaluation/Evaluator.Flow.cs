using System.Globalization;
using System.Runtime.CompilerServices;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation;

public sealed partial class Evaluator
{
    // The order: environment on? → prerequisites → holdouts → rules in order → default.
    private EvaluationResult EvaluateFlag(CompiledFlag flag, IAttributeSource attributes, List<TraceStep>? trace, int depth)
    {
        string key = flag.Flag.Key;
        if (!flag.HasEnvironment)
        {
            return NotConfigured(key, trace);
        }

        if (!flag.Enabled)
        {
            trace?.Add(new TraceStep(TraceStepKind.Environment, Environment, false, "The flag is off: serve the off variation."));
            return new EvaluationResult(flag.DisabledOutcome!);
        }

        trace?.Add(new TraceStep(TraceStepKind.Environment, Environment, true, "The flag is on."));
        if (flag.Prerequisites.Length > 0)
        {
            EvaluationResult failed = CheckPrerequisites(flag, attributes, trace, depth);
            if (failed.IsDecided)
            {
                return failed;
            }
        }

        var hashes = new UnitHashes(flag.Lanes, attributes);
        foreach (CompiledHoldout holdout in flag.Holdouts)
        {
            if (InHoldout(holdout, ref hashes, trace))
            {
                return new EvaluationResult(holdout.Outcome!);
            }
        }

        // A final rollout (the usual "condition, then x%" flag) is decided after the loop without a
        // branch: random buckets would mispredict one half the time.
        CompiledRule[] rules = flag.Rules;
        int looped = flag.EndsInRollout && trace is null ? rules.Length - 1 : rules.Length;
        for (int i = 0; i < looped; i++)
        {
            CompiledRule rule = rules[i];
            if (!Matches(rule, attributes, trace))
            {
                continue;
            }

            switch (rule.Kind)
            {
                case RuleKind.Force:
                    return Decide(flag, rule, trace);
                case RuleKind.Rollout:
                    // Built here, straight into the return value: a result assembled in a temporary
                    // and then copied costs a store-forwarding stall on every evaluation.
                    if (InRollout(rule, ref hashes, trace, out int bucket, out string attribute, out string value))
                    {
                        return new EvaluationResult(rule.Outcome!, bucket, attribute, value);
                    }

                    break;
                case RuleKind.FeatureManagementRollout:
                    if (InImportedRollout(rule, attributes, trace))
                    {
                        return new EvaluationResult(rule.Outcome!);
                    }

                    break;
                case RuleKind.GuardedRollout:
                    EvaluationResult armed = InGuardedRollout(rule, ref hashes, trace);
                    if (armed.IsDecided)
                    {
                        return armed;
                    }

                    break;
                default:
                    EvaluationResult result = RunExperiment(rule, ref hashes, trace);
                    if (result.IsDecided)
                    {
                        return result;
                    }

                    break;
            }
        }

        if (looped < rules.Length)
        {
            CompiledRule last = rules[looped];
            if (Matches(last, attributes, null) && hashes.TryGetBucket(last.Slot, out int bucket, out string attribute, out string value))
            {
                // Arithmetic instead of a branch: in is 1 when bucket < threshold (both below 2^31); the
                // threshold already counts the bucket at the rollout's fraction (GrowthBook's n <= coverage).
                int inRollout = (int)((uint)(bucket - last.RolloutBuckets) >> 31);
                return new EvaluationResult(flag.FinalRolloutOutcomes[inRollout], ((bucket + 1) * inRollout) - 1, attribute, value);
            }
        }

        return new EvaluationResult(flag.DefaultOutcome!);
    }

    // Out of line: most flags have none, and its result temporaries would enlarge every evaluation's frame.
    // Returns default when every prerequisite holds.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EvaluationResult CheckPrerequisites(CompiledFlag flag, IAttributeSource attributes, List<TraceStep>? trace, int depth)
    {
        string key = flag.Flag.Key;
        foreach ((CompiledFlag required, bool[] allowed) in flag.Prerequisites)
        {
            if (depth >= _maxDepth)
            {
                return TooDeep(key);
            }

            EvaluationResult inner = EvaluateFlag(required, attributes, null, depth + 1);
            if (inner.IsError)
            {
                trace?.Add(new TraceStep(TraceStepKind.Prerequisite, required.Flag.Key, false, "Evaluating the prerequisite failed: " + inner.ErrorMessage));
                return inner.WithFlagKey(key);
            }

            bool ok = inner.VariationIndex >= 0 && allowed[inner.VariationIndex];
            if (trace is not null)
            {
                TracePrerequisite(trace, required, allowed, inner, ok);
            }
            if (!ok)
            {
                return new EvaluationResult(flag.PrerequisiteFailedOutcome!);
            }
        }

        return default;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private EvaluationResult NotConfigured(string key, List<TraceStep>? trace)
    {
        trace?.Add(new TraceStep(TraceStepKind.Environment, Environment, false, "The flag has no configuration for this environment."));
        return EvaluationResult.Failure(key, EvaluationErrorCode.EnvironmentNotConfigured, $"Flag '{key}' is not configured in environment '{Environment}'.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private EvaluationResult TooDeep(string key) =>
        EvaluationResult.Failure(key, EvaluationErrorCode.PrerequisiteTooDeep, $"Prerequisites of '{key}' are nested deeper than {_maxDepth}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TracePrerequisite(List<TraceStep> trace, CompiledFlag required, bool[] allowed, EvaluationResult inner, bool ok) =>
        trace.Add(new TraceStep(TraceStepKind.Prerequisite, required.Flag.Key, ok, $"It is '{inner.VariationKey}' ({inner.Reason}); required: {string.Join(", ", Allowed(required, allowed))}."));

    private bool Matches(CompiledRule rule, IAttributeSource attributes, List<TraceStep>? trace)
    {
        if (trace is null)
        {
            if (rule.Condition is { } condition && !condition.Evaluate(attributes, _savedGroups))
            {
                return false;
            }

            foreach (CompiledSegment segment in rule.Segments)
            {
                if (!segment.Matches(attributes, _savedGroups))
                {
                    return false;
                }
            }

            return true;
        }

        return MatchesExplained(rule, attributes, trace);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MatchesExplained(CompiledRule rule, IAttributeSource attributes, List<TraceStep> trace)
    {
        var checks = new List<ConditionCheck>();
        bool matched = rule.Rule.Condition.Explain(attributes, _savedGroups, checks);
        string what = rule.Rule.Condition.IsAlways ? "No condition: everyone matches." : matched ? "The condition holds." : "The condition does not hold.";
        trace.Add(new TraceStep(TraceStepKind.Rule, RuleName(rule), matched, what) { Conditions = checks });
        if (!matched)
        {
            return false;
        }

        foreach (CompiledSegment segment in rule.Segments)
        {
            bool inSegment = segment.Matches(attributes, _savedGroups);
            trace.Add(new TraceStep(TraceStepKind.Segment, segment.Segment.Key, inSegment, inSegment ? "The unit is in the segment." : "The unit is not in the segment."));
            if (!inSegment)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // Only rollouts followed by other rules: keeps its locals out of every frame.
    private static bool InRollout(CompiledRule rule, ref UnitHashes hashes, List<TraceStep>? trace, out int bucket, out string attribute, out string value)
    {
        if (!hashes.TryGetBucket(rule.Slot, out bucket, out attribute, out value))
        {
            trace?.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), false, $"The unit has no '{rule.Slot.Attribute}' to hash: skip the rule."));
            return false;
        }

        bool inRollout = bucket < rule.RolloutBuckets;
        if (trace is not null)
        {
            TraceRollout(trace, rule, bucket / rule.Slot.Scale, attribute, value, inRollout);
        }

        return inRollout;
    }

    // Explaining is kept out of the evaluation methods, so their frames stay small on the hot path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TraceRollout(List<TraceStep> trace, CompiledRule rule, double point, string attribute, string value, bool inRollout) =>
        trace.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), inRollout, FormattableString.Invariant(
            $"hash('{rule.Slot.Seed}', {attribute}='{value}'{(rule.Slot.Version == HashVersion.V1 ? ", version 1" : string.Empty)}) = {point}; the rollout covers [0, {rule.RolloutFraction}].{(inRollout ? string.Empty : " Skip the rule.")}"))
        {
            Point = point,
            // Half-open over the discrete hashes: exactly the points the inclusive rollout takes.
            Range = new BucketRange(0, rule.RolloutBuckets / rule.Slot.Scale),
        });

    // Microsoft.FeatureManagement's placement, for imported rules: SHA-256, so kept out of line.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool InImportedRollout(CompiledRule rule, IAttributeSource attributes, List<TraceStep>? trace)
    {
        if (!UnitId.TryResolve(attributes, rule.Slot.Attribute, rule.Slot.Fallback, out string attribute, out string value))
        {
            trace?.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), false, $"The unit has no '{rule.Slot.Attribute}' to hash: skip the rule."));
            return false;
        }

        FeatureManagementBucketing range = rule.FeatureManagement!;
        double percentage = FeatureManagementHash.Percentage(value, rule.HintBytes);
        bool inRange = FeatureManagementHash.InRange(percentage, range.From, range.To);
        trace?.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), inRange, FormattableString.Invariant(
            $"Microsoft.FeatureManagement's hash of {attribute}='{value}' with hint '{rule.Slot.Seed}' = {percentage}%; the rule covers [{range.From}, {range.To}){(range.To == 100 ? " and 100" : string.Empty)}.{(inRange ? string.Empty : " Skip the rule.")}"))
        {
            Point = percentage / 100,
            Range = new BucketRange(range.From / 100, range.To / 100),
        });
        return inRange;
    }

    // A guarded rollout decides for every unit with a hash: its arm's outcome, prepared when compiled.
    [MethodImpl(MethodImplOptions.NoInlining)] // Keeps its locals out of every other flag's frame.
    private static EvaluationResult InGuardedRollout(CompiledRule rule, ref UnitHashes hashes, List<TraceStep>? trace)
    {
        if (!hashes.TryGetBucket(rule.Slot, out int bucket, out string attribute, out string value))
        {
            trace?.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), false, $"The unit has no '{rule.Slot.Attribute}' to hash: skip the rule."));
            return default;
        }

        RolloutArm arm = rule.Arms.ArmOf(bucket);
        if (trace is not null)
        {
            TraceArm(trace, rule, bucket, attribute, value, arm);
        }

        return new EvaluationResult(rule.ArmOutcomes[(int)arm], bucket, attribute, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TraceArm(List<TraceStep> trace, CompiledRule rule, int bucket, string attribute, string value, RolloutArm arm)
    {
        RolloutArmBuckets arms = rule.Arms;
        EvaluationOutcome served = rule.ArmOutcomes[(int)arm];
        trace.Add(new TraceStep(TraceStepKind.Rollout, RuleName(rule), true, FormattableString.Invariant(
            $"Guarded rollout: bucket('{rule.Slot.Seed}', {attribute}='{value}') = {bucket} of {arms.Scale}; in {arms.SpanOf(RolloutArm.In)} (stage {rule.RolloutFraction} of the {arms.Eligible} buckets not held back), not yet {arms.SpanOf(RolloutArm.NotYet)}, holdback {arms.SpanOf(RolloutArm.Holdback)}. ")
            + $"Arm '{served.ExposureVariation}': serve '{served.VariationKey}' and log an exposure to '{served.ExperimentKey}' (phase {served.ExperimentPhase.ToString(CultureInfo.InvariantCulture)}).")
        {
            Point = bucket / rule.Slot.Scale,
            Range = arms.RangeOf(arm),
            Bucket = bucket,
            Span = arms.SpanOf(arm),
        });
    }

    private static EvaluationResult Decide(CompiledFlag flag, CompiledRule rule, List<TraceStep>? trace)
    {
        trace?.Add(new TraceStep(TraceStepKind.Rule, RuleName(rule), true, $"Force variation '{flag.VariationKeys[rule.VariationIndex]}'."));
        return new EvaluationResult(rule.Outcome!);
    }

    private static bool InHoldout(CompiledHoldout holdout, ref UnitHashes hashes, List<TraceStep>? trace)
    {
        if (!hashes.TryGetBucket(holdout.Slot, out int bucket, out string attribute, out string value))
        {
            trace?.Add(new TraceStep(TraceStepKind.Holdout, holdout.Holdout.Key, true, $"The unit has no '{holdout.Slot.Attribute}', so it cannot be held out."));
            return false;
        }

        bool held = holdout.Holdout.Buckets.Contains(bucket);
        trace?.Add(new TraceStep(TraceStepKind.Holdout, holdout.Holdout.Key, !held, FormattableString.Invariant(
            $"bucket('{holdout.Slot.Seed}', {attribute}='{value}') = {bucket}; the holdout reserves {holdout.Holdout.Buckets}.{(held ? " The unit is held out." : string.Empty)}"))
        {
            Bucket = bucket,
            Span = holdout.Holdout.Buckets,
        });
        return held;
    }

    private static string RuleName(CompiledRule rule) =>
        "#" + rule.Index.ToString(CultureInfo.InvariantCulture) + " " + rule.Rule.Id;

    private static IEnumerable<string> Allowed(CompiledFlag flag, bool[] allowed) =>
        flag.VariationKeys.Where((_, i) => allowed[i]);
}
