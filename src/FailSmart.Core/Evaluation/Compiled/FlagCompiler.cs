using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>Turns a validated configuration into compiled flags for one environment.</summary>
internal static class FlagCompiler
{
    public static Dictionary<string, CompiledFlag> Compile(Configuration configuration, string environment)
    {
        var segments = configuration.Segments.ToDictionary(s => s.Key, s => new CompiledSegment(s), StringComparer.Ordinal);
        var layers = configuration.Layers.ToDictionary(l => l.Key, l => new LayerIndex(l, configuration.Experiments), StringComparer.Ordinal);
        var experiments = configuration.Experiments.ToDictionary(
            e => e.Key,
            e => new CompiledExperiment(
                e,
                VariationRanges.Compute(e.Variations.Count, e.Coverage, [.. e.Variations.Select(v => v.Weight)]),
                e.Layer is null ? null : layers[e.Layer.LayerKey]),
            StringComparer.Ordinal);

        var flags = new Dictionary<string, CompiledFlag>(StringComparer.Ordinal);
        foreach (Flag flag in configuration.Flags)
        {
            flags[flag.Key] = CompileFlag(flag, environment, configuration.Holdouts, segments, experiments);
        }

        foreach (Flag flag in configuration.Flags)
        {
            flags[flag.Key].Prerequisites = [.. flag.Prerequisites.Select(p =>
            {
                CompiledFlag required = flags[p.FlagKey];
                bool[] allowed = [.. required.VariationKeys.Select(k => p.Variations.Contains(k, StringComparer.Ordinal))];
                return (required, allowed);
            })];
        }

        return flags;
    }

    private static CompiledFlag CompileFlag(Flag flag, string environment, IReadOnlyList<Holdout> holdouts, Dictionary<string, CompiledSegment> segments, Dictionary<string, CompiledExperiment> experiments)
    {
        string[] keys = [.. flag.Variations.Select(v => v.Key)];
        var values = flag.Variations.Select(v => v.Value).ToArray();
        if (!flag.Environments.TryGetValue(environment, out FlagEnvironment? state))
        {
            return new CompiledFlag { Flag = flag, Values = values, VariationKeys = keys };
        }

        int IndexOf(string key) => Array.IndexOf(keys, key);
        var planner = new LanePlanner();
        int defaultIndex = IndexOf(state.DefaultVariation);
        CompiledHoldout CompileHoldout(Holdout h) =>
            new(h, planner.Assign(HashSlot.Create(h.Salt, h.HashAttribute, null, HashVersion.V2)))
            {
                Outcome = Outcome(flag, defaultIndex, EvaluationReason.Holdout) with { HoldoutKey = h.Key },
            };

        CompiledHoldout[] flagHoldouts = [.. holdouts.Where(h => h.Scope.CoversFlag(flag.Key)).Select(CompileHoldout)];
        EvaluationOutcome defaultOutcome = Outcome(flag, defaultIndex, EvaluationReason.Default);
        var rules = new CompiledRule[state.Rules.Count];
        for (int i = 0; i < rules.Length; i++)
        {
            Rule rule = state.Rules[i];
            CompiledSegment[] ruleSegments = [.. rule.Segments.Select(s => segments[s])];
            rules[i] = rule.Action switch
            {
                ForceAction force => new CompiledRule
                {
                    Rule = rule,
                    Index = i,
                    Segments = ruleSegments,
                    VariationIndex = IndexOf(force.Variation),
                    Outcome = Outcome(flag, IndexOf(force.Variation), EvaluationReason.TargetingMatch) with { RuleId = rule.Id, RuleIndex = i },
                },
                RolloutAction { Plan: { } plan } guarded => CompileGuardedRule(flag, rule, i, ruleSegments, guarded, plan, defaultIndex, planner, IndexOf),
                RolloutAction { FeatureManagement: { } range } imported => new CompiledRule
                {
                    Rule = rule,
                    Index = i,
                    Segments = ruleSegments,
                    VariationIndex = IndexOf(imported.Variation),
                    RolloutFraction = imported.Stage.Fraction,
                    FeatureManagement = range,
                    HintBytes = FeatureManagementHash.HintBytes(imported.Seed ?? flag.Key),
                    // Not given a lane: the slot only names the attribute (and seed, for explanations).
                    Slot = HashSlot.Create(imported.Seed ?? flag.Key, imported.HashAttribute, imported.FallbackAttribute, HashVersion.V2),
                    Outcome = Outcome(flag, IndexOf(imported.Variation), EvaluationReason.RolloutSplit) with { RuleId = rule.Id, RuleIndex = i },
                },
                RolloutAction rollout => CompileRolloutRule(flag, rule, i, ruleSegments, rollout, planner, IndexOf),
                ExperimentAction run => CompileExperimentRule(flag, rule, i, ruleSegments, experiments[run.ExperimentKey], holdouts, flagHoldouts, planner, IndexOf),
                _ => throw new InvalidOperationException("Unknown rule action " + rule.Action.GetType().Name),
            };
        }

        return new CompiledFlag
        {
            Flag = flag,
            Values = values,
            VariationKeys = keys,
            HasEnvironment = true,
            Enabled = state.Enabled,
            OffIndex = IndexOf(state.OffVariation),
            DefaultIndex = defaultIndex,
            DisabledOutcome = Outcome(flag, IndexOf(state.OffVariation), EvaluationReason.Disabled),
            PrerequisiteFailedOutcome = Outcome(flag, IndexOf(state.OffVariation), EvaluationReason.PrerequisiteFailed),
            DefaultOutcome = defaultOutcome,
            Rules = rules,
            FinalRolloutOutcomes = rules.Length > 0 && rules[^1].Kind == RuleKind.Rollout ? [defaultOutcome, rules[^1].Outcome!] : [],
            Holdouts = flagHoldouts,
            Lanes = planner.Build(),
        };
    }

    // A version 1 slot gets no lane (the shared pass computes version 2 only): it is hashed on its own.
    private static CompiledRule CompileRolloutRule(Flag flag, Rule rule, int index, CompiledSegment[] segments, RolloutAction rollout, LanePlanner planner, Func<string, int> indexOf)
    {
        HashSlot slot = planner.Assign(HashSlot.Create(rollout.Seed ?? flag.Key, rollout.HashAttribute, rollout.FallbackAttribute, rollout.HashVersion));
        return new CompiledRule
        {
            Rule = rule,
            Index = index,
            Segments = segments,
            VariationIndex = indexOf(rollout.Variation),
            RolloutFraction = rollout.Stage.Fraction,
            RolloutBuckets = BucketsThrough(rollout.Stage.Fraction, (int)slot.Scale),
            Slot = slot,
            Outcome = Outcome(flag, indexOf(rollout.Variation), EvaluationReason.RolloutSplit) with { RuleId = rule.Id, RuleIndex = index, BucketScale = slot.Scale },
        };
    }

    private static CompiledRule CompileExperimentRule(Flag compiledFlag, Rule rule, int index, CompiledSegment[] segments, CompiledExperiment compiled, IReadOnlyList<Holdout> holdouts, CompiledHoldout[] flagHoldouts, LanePlanner planner, Func<string, int> indexOf)
    {
        Experiment experiment = compiled.Experiment;
        // Holdouts already applied to the whole flag need not be checked again.
        CompiledHoldout[] ruleHoldouts = [.. holdouts
            .Where(h => experiment is not null && h.Scope.CoversExperiment(experiment) && !flagHoldouts.Any(f => ReferenceEquals(f.Holdout, h)))
            .Select(h => new CompiledHoldout(h, planner.Assign(HashSlot.Create(h.Salt, h.HashAttribute, null, HashVersion.V2))))];
        HashSlot layerSlot = compiled.Layer is null
            ? default
            : planner.Assign(HashSlot.Create(compiled.Layer.Layer.Salt, experiment.HashAttribute, experiment.FallbackAttribute, HashVersion.V2));
        HashSlot slot = planner.Assign(HashSlot.Create(experiment.EffectiveSeed, experiment.HashAttribute, experiment.FallbackAttribute, experiment.HashVersion));
        // A launch's cells are not the flag's variations: the flag serves on or off by its own feature's bit.
        int feature = experiment.Factorial?.IndexOf(compiledFlag.Key) ?? -1;
        int ServedBy(string variation) => feature < 0
            ? indexOf(variation)
            : CompiledFactorial.VariationFor(compiledFlag, FactorialCells.Parse(variation)[feature]);
        return new CompiledRule
        {
            Rule = rule,
            Index = index,
            Segments = segments,
            Experiment = compiled,
            Holdouts = ruleHoldouts,
            LayerSlot = layerSlot,
            Slot = slot,
            ExperimentToFlag = [.. experiment.Variations.Select(v => ServedBy(v.Key))],
            ExperimentOutcomes = [.. experiment.Variations.Select(v => Outcome(compiledFlag, ServedBy(v.Key), EvaluationReason.Experiment) with
            {
                RuleId = rule.Id,
                RuleIndex = index,
                ExperimentKey = experiment.Key,
                ExperimentPhase = experiment.Phase,
                InExperiment = true,
                ExposureVariation = v.Key,
                ExposureVariationIndex = IndexOfVariation(experiment, v.Key),
                BucketScale = slot.Scale,
            })],
        };
    }

    // Three outcomes prepared here (in, not yet, holdback), so the evaluation only picks one.
    private static CompiledRule CompileGuardedRule(Flag flag, Rule rule, int index, CompiledSegment[] segments, RolloutAction rollout, RolloutPlan plan, int defaultIndex, LanePlanner planner, Func<string, int> indexOf)
    {
        HashSlot slot = planner.Assign(HashSlot.Create(rollout.Seed ?? flag.Key, rollout.HashAttribute, rollout.FallbackAttribute, HashVersion.V2));
        int feature = indexOf(rollout.Variation);
        int control = plan.ControlVariation is { } key ? indexOf(key) : defaultIndex;
        string analysisKey = RolloutPlan.AnalysisKey(flag.Key, rule.Id);
        EvaluationOutcome ArmOutcome(RolloutArm arm) => Outcome(flag, arm == RolloutArm.In ? feature : control, EvaluationReason.RolloutSplit) with
        {
            RuleId = rule.Id,
            RuleIndex = index,
            ExperimentKey = analysisKey,
            ExperimentPhase = plan.Phase,
            InExperiment = true,
            ExposureVariation = RolloutArmKeys.Of(arm),
            ExposureVariationIndex = (int)arm,
            BucketScale = slot.Scale,
        };

        return new CompiledRule
        {
            Rule = rule,
            Index = index,
            Segments = segments,
            VariationIndex = feature,
            RolloutFraction = rollout.Stage.Fraction,
            Slot = slot,
            Arms = RolloutArmBuckets.For(plan, rollout.Stage, (int)slot.Scale),
            ArmOutcomes = [ArmOutcome(RolloutArm.NotYet), ArmOutcome(RolloutArm.In), ArmOutcome(RolloutArm.Holdback)],
        };
    }

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

    private static EvaluationOutcome Outcome(Flag flag, int variation, EvaluationReason reason) => new()
    {
        FlagKey = flag.Key,
        Value = flag.Variations[variation].Value,
        VariationKey = flag.Variations[variation].Key,
        VariationIndex = variation,
        Reason = reason,
    };

    /// <summary>How many buckets b of <paramref name="scale"/> satisfy b / scale &lt; fraction, exactly as the division compares.</summary>
    internal static int BucketsBelow(double fraction, int scale)
    {
        int count = (int)Math.Clamp(Math.Ceiling(fraction * scale), 0, scale);
        while (count > 0 && (count - 1) / (double)scale >= fraction)
        {
            count--;
        }

        while (count < scale && count / (double)scale < fraction)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// How many buckets b of <paramref name="scale"/> a rollout of <paramref name="fraction"/> includes:
    /// GrowthBook's <c>n &lt;= coverage</c>, so the bucket exactly at the fraction is in, except that a
    /// coverage of 0 includes nobody.
    /// </summary>
    internal static int BucketsThrough(double fraction, int scale)
    {
        if (!(fraction > 0))
        {
            return 0;
        }

        int count = BucketsBelow(fraction, scale);
        while (count < scale && count / (double)scale <= fraction)
        {
            count++;
        }

        return count;
    }
}
