using System.Runtime.CompilerServices;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation;

public sealed partial class Evaluator
{
    // An experiment rule assigns only if: running → not held out → has a unit id → owns the unit's
    // layer bucket → (sticky assignment, or) the unit's point falls in a variation's range.
    [MethodImpl(MethodImplOptions.NoInlining)] // Keeps rollout-only flags free of this method's larger frame.
    private EvaluationResult RunExperiment(CompiledRule rule, ref UnitHashes hashes, List<TraceStep>? trace)
    {
        CompiledExperiment compiled = rule.Experiment!;
        Experiment experiment = compiled.Experiment;
        if (experiment.Status != ExperimentStatus.Running)
        {
            trace?.Add(new TraceStep(TraceStepKind.Experiment, experiment.Key, false, $"The experiment is {experiment.Status}: skip the rule."));
            return default;
        }

        foreach (CompiledHoldout holdout in rule.Holdouts)
        {
            if (InHoldout(holdout, ref hashes, trace))
            {
                return default;
            }
        }

        if (!hashes.TryGetBucket(rule.Slot, out int bucket, out string attribute, out string value))
        {
            trace?.Add(new TraceStep(TraceStepKind.Experiment, experiment.Key, false, $"The unit has no '{experiment.HashAttribute}'{(experiment.FallbackAttribute is null ? string.Empty : " or '" + experiment.FallbackAttribute + "'")}: skip the rule."));
            return default;
        }

        if (compiled.Layer is { } layer && !OwnsLayerBucket(compiled, layer, rule, ref hashes, trace))
        {
            return default;
        }

        int chosen = -1;
        bool sticky = false;
        if (_sticky is not null && _sticky.TryGet(new StickyAssignmentKey(attribute, value, experiment.Key), out string remembered))
        {
            chosen = IndexOfVariation(experiment, remembered);
            sticky = chosen >= 0;
            trace?.Add(new TraceStep(TraceStepKind.StickyAssignment, experiment.Key, sticky, sticky ? $"The unit was assigned '{remembered}' before: keep it." : $"The remembered variation '{remembered}' no longer exists: assign again."));
        }

        if (!sticky)
        {
            chosen = compiled.Choose(bucket);
            if (chosen >= 0 && compiled.Factorial is { } factorial)
            {
                // Enrolled through the launch's own hash (coverage); each feature's bit is its own hash.
                chosen = factorial.CellOf(value);
                if (trace is not null)
                {
                    TraceCell(trace, rule, bucket / rule.Slot.Scale, attribute, value, chosen);
                }
            }
            else if (trace is not null)
            {
                TraceVariation(trace, rule, bucket / rule.Slot.Scale, attribute, value, chosen);
            }

            if (chosen < 0)
            {
                return default;
            }

            _sticky?.Save(new StickyAssignmentKey(attribute, value, experiment.Key), experiment.Variations[chosen].Key);
        }

        return new EvaluationResult(rule.ExperimentOutcomes[chosen], bucket, attribute, value);
    }

    private static bool OwnsLayerBucket(CompiledExperiment compiled, LayerIndex layer, CompiledRule rule, ref UnitHashes hashes, List<TraceStep>? trace)
    {
        if (!hashes.TryGetBucket(rule.LayerSlot, out int layerBucket, out _, out _))
        {
            return false;
        }

        string? owner = layer.OwnerOf(layerBucket);
        bool owns = ReferenceEquals(owner, compiled.Experiment.Key) || string.Equals(owner, compiled.Experiment.Key, StringComparison.Ordinal);
        if (trace is not null)
        {
            TraceLayer(trace, compiled, layer, layerBucket, owner, owns);
        }

        return owns;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TraceVariation(List<TraceStep> trace, CompiledRule rule, double point, string attribute, string value, int chosen)
    {
        CompiledExperiment compiled = rule.Experiment!;
        Experiment experiment = compiled.Experiment;
        trace.Add(new TraceStep(TraceStepKind.Experiment, experiment.Key, chosen >= 0, FormattableString.Invariant(
            $"hash('{rule.Slot.Seed}', {attribute}='{value}') = {point}; ranges {string.Join(" ", compiled.Ranges)} (coverage {experiment.Coverage}). ")
            + (chosen >= 0 ? $"In variation '{experiment.Variations[chosen].Key}'." : "Outside coverage: skip the rule."))
        {
            Point = point,
            Range = chosen >= 0 ? compiled.Ranges[chosen] : null,
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TraceCell(List<TraceStep> trace, CompiledRule rule, double point, string attribute, string value, int cell)
    {
        CompiledExperiment compiled = rule.Experiment!;
        CompiledFactorial factorial = compiled.Factorial!;
        IReadOnlyList<FactorialFeature> features = factorial.Design.Features;
        trace.Add(new TraceStep(TraceStepKind.Experiment, compiled.Experiment.Key, true, FormattableString.Invariant(
            $"hash('{rule.Slot.Seed}', {attribute}='{value}') = {point} (coverage {compiled.Experiment.Coverage}): enrolled in the factorial launch."))
        {
            Point = point,
        });
        double scale = BucketHash.BucketCount;
        var half = new BucketRange(0, CompiledFactorial.OnBuckets / scale);
        for (int i = 0; i < features.Count; i++)
        {
            double featurePoint = factorial.BucketOf(i, value) / scale;
            bool on = featurePoint < half.End;
            trace.Add(new TraceStep(TraceStepKind.Experiment, features[i].Flag, on, FormattableString.Invariant(
                $"Feature {i + 1} of {features.Count} ('{features[i].Flag}'), seed '{features[i].Seed}', bucket {featurePoint}: {(on ? "on" : "off")} (on below {half.End}).")
            )
            {
                Point = featurePoint,
                Range = on ? half : new BucketRange(half.End, 1),
            });
        }

        string key = compiled.Experiment.Variations[cell].Key;
        EvaluationOutcome served = rule.ExperimentOutcomes[cell];
        trace.Add(new TraceStep(TraceStepKind.Experiment, compiled.Experiment.Key, true,
            $"Cell {key}: serve '{served.VariationKey}' of '{served.FlagKey}' and log an exposure to '{compiled.Experiment.Key}' with variation '{key}'."));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TraceLayer(List<TraceStep> trace, CompiledExperiment compiled, LayerIndex layer, int layerBucket, string? owner, bool owns) =>
        trace.Add(new TraceStep(TraceStepKind.Layer, layer.Layer.Key, owns, FormattableString.Invariant(
            $"Layer bucket {layerBucket}; '{compiled.Experiment.Key}' owns {compiled.Experiment.Layer!.Buckets}. ")
            + (owns ? "Eligible." : owner is null ? "No experiment owns it: skip the rule." : $"It belongs to '{owner}': skip the rule."))
        {
            Bucket = layerBucket,
            Span = compiled.Experiment.Layer!.Buckets,
        });

    private static int IndexOfVariation(Experiment experiment, string key)
    {
        for (int i = 0; i < experiment.Variations.Count; i++)
        {
            if (string.Equals(experiment.Variations[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
