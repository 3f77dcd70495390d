using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Values;

namespace FailSmart.Protocol.GrowthBook;

/// <summary>
/// FailSmart's configuration as a GrowthBook SDK payload (<c>{"features": …, "savedGroups": …}</c>) for
/// one environment, such that GrowthBook's SDKs (with sticky bucketing on) serve every unit what
/// FailSmart serves. The correspondences, which an importer reads in the other direction:
/// <list type="table">
/// <item><term>flag</term><description>feature; <c>defaultValue</c> is the default variation's value (the off variation's, with no rules, when the flag is off)</description></item>
/// <item><term>force rule</term><description>rule with <c>force</c></description></item>
/// <item><term>rollout rule</term><description>rule with <c>force</c>, <c>coverage</c> (the stage), <c>hashAttribute</c>, <c>fallbackAttribute</c>, <c>seed</c> (default the flag key) and <c>hashVersion</c>, always written (GrowthBook's default is 1, FailSmart's 2)</description></item>
/// <item><term>experiment rule</term><description>rule with <c>key</c>, <c>variations</c> (the flag values), <c>weights</c>, <c>coverage</c>, <c>hashAttribute</c>, <c>fallbackAttribute</c>, <c>seed</c>, <c>hashVersion</c>, <c>phase</c> and <c>meta</c> (the variation keys); a stopped or draft experiment's rule is left out</description></item>
/// <item><term>guarded rollout rule</term><description>experiment rule with <c>key</c> (the analysis key), <c>variations</c> [control, feature, control] indexed by arm (not yet, in, holdback), explicit <c>ranges</c> (the arms' exact bucket blocks), <c>meta</c> (the arm names), the rollout's <c>hashAttribute</c>, <c>seed</c> and <c>hashVersion: 2</c>, <c>phase</c>, and <c>disableStickyBucketing</c> (a unit not yet in moves in when the stage rises)</description></item>
/// <item><term>factorial launch rule</term><description>experiment rule of its own feature, keyed <c>{launch}:{flag}</c>: <c>variations</c> [on, off] with weights ½ and ½ hashed with the feature's <c>seed</c> (version 2), the launch's coverage as a <c>filters</c> entry (the launch seed and the cells' coverage ranges); GrowthBook serves every unit the same value, but its exposure names the feature's on or off, not the cell, which a GrowthBook rule cannot compute</description></item>
/// <item><term>layer</term><description>a <c>filters</c> entry on the experiment's rule: the layer salt as seed, version 2, the owned span as a range</description></item>
/// <item><term>rule segments</term><description>joined to the condition with <c>$and</c>: a condition segment's condition, or <c>{attribute: {"$inGroup": key}}</c> for an id list</description></item>
/// <item><term>id-list segment</term><description>saved group (a bare list of ids)</description></item>
/// </list>
/// A guarded rollout with a fallback attribute, prerequisites and holdouts have no GrowthBook equivalent that serves the same value: a
/// configuration with them is refused with <see cref="NotSupportedException"/>.
/// <see cref="FromPayload"/> reads the same correspondences back from GrowthBook's side.
/// </summary>
public static partial class GrowthBookPayloadMapping
{
    /// <summary>The payload GrowthBook's SDKs evaluate like FailSmart evaluates <paramref name="environment"/>.</summary>
    /// <exception cref="NotSupportedException">The configuration uses something GrowthBook cannot express.</exception>
    public static JsonObject ToPayload(Core.Model.Configuration configuration, string environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration.Holdouts.Count > 0)
        {
            throw new NotSupportedException("Holdouts have no GrowthBook equivalent.");
        }

        var segments = configuration.Segments.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var experiments = configuration.Experiments.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var layers = configuration.Layers.ToDictionary(l => l.Key, StringComparer.Ordinal);
        var features = new JsonObject();
        foreach (Flag flag in configuration.Flags)
        {
            if (flag.Prerequisites.Count > 0)
            {
                throw new NotSupportedException($"Flag '{flag.Key}' has prerequisites: GrowthBook's parent conditions serve null, not the off variation, when one fails.");
            }

            if (flag.Environments.TryGetValue(environment, out FlagEnvironment? state))
            {
                features[flag.Key] = Feature(flag, state, segments, experiments, layers);
            }
        }

        var savedGroups = new JsonObject();
        foreach (IdListSegment list in configuration.Segments.OfType<IdListSegment>())
        {
            savedGroups[list.Key] = new JsonArray([.. list.Ids.Select(Node)]);
        }

        return new JsonObject { ["features"] = features, ["savedGroups"] = savedGroups };
    }

    private static JsonObject Feature(Flag flag, FlagEnvironment state, Dictionary<string, Segment> segments, Dictionary<string, Experiment> experiments, Dictionary<string, Layer> layers)
    {
        if (!state.Enabled)
        {
            return new JsonObject { ["defaultValue"] = Value(flag, state.OffVariation) };
        }

        var rules = new JsonArray();
        foreach (Rule rule in state.Rules)
        {
            var mapped = new JsonObject { ["id"] = rule.Id };
            if (ConditionOf(rule, segments) is { } condition)
            {
                mapped["condition"] = condition;
            }

            switch (rule.Action)
            {
                case ForceAction force:
                    mapped["force"] = Value(flag, force.Variation);
                    break;
                case RolloutAction { Plan: { } plan } guarded:
                    AddGuardedRollout(mapped, flag, state, rule, guarded, plan);
                    break;
                case RolloutAction { FeatureManagement: not null }:
                    throw new NotSupportedException($"Flag '{flag.Key}' rule '{rule.Id}' is placed by Microsoft.FeatureManagement's targeting hash, which GrowthBook's SDKs do not compute.");
                case RolloutAction rollout:
                    mapped["force"] = Value(flag, rollout.Variation);
                    mapped["coverage"] = rollout.Stage.Fraction;
                    mapped["hashAttribute"] = rollout.HashAttribute;
                    if (rollout.FallbackAttribute is not null)
                    {
                        mapped["fallbackAttribute"] = rollout.FallbackAttribute;
                    }

                    mapped["seed"] = rollout.Seed ?? flag.Key;
                    mapped["hashVersion"] = (int)rollout.HashVersion;
                    break;
                case ExperimentAction run:
                    Experiment experiment = experiments[run.ExperimentKey];
                    if (experiment.Status != ExperimentStatus.Running)
                    {
                        continue;
                    }

                    if (experiment.Factorial is { } design)
                    {
                        AddFactorialFeature(mapped, flag, experiment, design, layers);
                    }
                    else
                    {
                        AddExperiment(mapped, flag, experiment, layers);
                    }

                    break;
                default:
                    throw new NotSupportedException("Unknown rule action " + rule.Action.GetType().Name + ".");
            }

            rules.Add(mapped);
        }

        var feature = new JsonObject { ["defaultValue"] = Value(flag, state.DefaultVariation) };
        if (rules.Count > 0)
        {
            feature["rules"] = rules;
        }

        return feature;
    }

    private static void AddExperiment(JsonObject rule, Flag flag, Experiment experiment, Dictionary<string, Layer> layers)
    {
        rule["key"] = experiment.Key;
        rule["variations"] = new JsonArray([.. experiment.Variations.Select(v => Value(flag, v.Key))]);
        rule["weights"] = new JsonArray([.. experiment.Variations.Select(v => (JsonNode)v.Weight)]);
        rule["coverage"] = experiment.Coverage;
        rule["hashAttribute"] = experiment.HashAttribute;
        if (experiment.FallbackAttribute is not null)
        {
            rule["fallbackAttribute"] = experiment.FallbackAttribute;
        }

        rule["seed"] = experiment.EffectiveSeed;
        rule["hashVersion"] = (int)experiment.HashVersion;
        rule["phase"] = experiment.Phase.ToString(CultureInfo.InvariantCulture);
        rule["meta"] = new JsonArray([.. experiment.Variations.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key })]);
        if (experiment.Layer is { } allocation)
        {
            if (experiment.FallbackAttribute is not null)
            {
                // GrowthBook's filters hash the attribute alone; FailSmart's layer slot also falls back.
                throw new NotSupportedException($"Experiment '{experiment.Key}' is in a layer and has a fallback attribute: GrowthBook's filters do not fall back.");
            }

            rule["filters"] = new JsonArray(new JsonObject
            {
                ["seed"] = layers[allocation.LayerKey].Salt,
                ["attribute"] = experiment.HashAttribute,
                ["hashVersion"] = 2,
                ["ranges"] = new JsonArray(new JsonArray(allocation.Buckets.Start / 10_000.0, allocation.Buckets.End / 10_000.0)),
            });
        }
    }

    // GrowthBook decides one rule from one hash, so a launch's flag becomes an experiment on its own feature's
    // seed (on below ½, as FailSmart's bit), gated by the launch's coverage and layer as filters.
    private static void AddFactorialFeature(JsonObject rule, Flag flag, Experiment launch, FactorialDesign design, Dictionary<string, Layer> layers)
    {
        if (launch.FallbackAttribute is not null)
        {
            throw new NotSupportedException($"Factorial launch '{launch.Key}' has a fallback attribute: GrowthBook's filters, which carry its coverage, do not fall back.");
        }

        FactorialFeature feature = design.Features[design.IndexOf(flag.Key)];
        FlagVariation on = flag.Variations.First(v => v.Value.Kind == DataValueKind.Boolean && v.Value.AsBoolean());
        FlagVariation off = flag.Variations.First(v => v.Value.Kind == DataValueKind.Boolean && !v.Value.AsBoolean());
        rule["key"] = launch.Key + ":" + flag.Key;
        rule["variations"] = new JsonArray(Node(on.Value), Node(off.Value));
        rule["weights"] = new JsonArray(0.5, 0.5);
        rule["coverage"] = 1.0;
        rule["hashAttribute"] = launch.HashAttribute;
        rule["seed"] = feature.Seed;
        rule["hashVersion"] = 2;
        rule["phase"] = launch.Phase.ToString(CultureInfo.InvariantCulture);
        rule["meta"] = new JsonArray(new JsonObject { ["key"] = on.Key }, new JsonObject { ["key"] = off.Key });
        BucketRange[] coverage = VariationRanges.Compute(launch.Variations.Count, launch.Coverage, [.. launch.Variations.Select(v => v.Weight)]);
        var filters = new JsonArray(new JsonObject
        {
            ["seed"] = launch.EffectiveSeed,
            ["attribute"] = launch.HashAttribute,
            ["hashVersion"] = (int)launch.HashVersion,
            ["ranges"] = new JsonArray([.. coverage.Select(r => (JsonNode)new JsonArray(r.Start, r.End))]),
        });
        if (launch.Layer is { } allocation)
        {
            filters.Add(new JsonObject
            {
                ["seed"] = layers[allocation.LayerKey].Salt,
                ["attribute"] = launch.HashAttribute,
                ["hashVersion"] = 2,
                ["ranges"] = new JsonArray(new JsonArray(allocation.Buckets.Start / 10_000.0, allocation.Buckets.End / 10_000.0)),
            });
        }

        rule["filters"] = filters;
    }

    // Three variations indexed by RolloutArm ([control, feature, control]) with the arms' exact bucket
    // ranges, so GrowthBook's chooseVariation lands every point where FailSmart's ArmOf does. Sticky
    // bucketing is off for the rule: a unit not yet in must move in when the stage rises.
    private static void AddGuardedRollout(JsonObject rule, Flag flag, FlagEnvironment state, Rule source, RolloutAction rollout, RolloutPlan plan)
    {
        if (rollout.FallbackAttribute is not null)
        {
            // GrowthBook falls back only with sticky bucketing, which would keep a unit in its old arm.
            throw new NotSupportedException($"Flag '{flag.Key}' rule '{source.Id}' is a guarded rollout with a fallback attribute: GrowthBook honours a fallback only with sticky bucketing, which would keep units in the arm of an earlier stage.");
        }

        RolloutArmBuckets arms = RolloutArmBuckets.For(plan, rollout.Stage, BucketHash.BucketCount);
        RolloutArm[] order = [RolloutArm.NotYet, RolloutArm.In, RolloutArm.Holdback];
        string control = plan.ControlVariation ?? state.DefaultVariation;
        rule["key"] = RolloutPlan.AnalysisKey(flag.Key, source.Id);
        rule["variations"] = new JsonArray([.. order.Select(arm => Value(flag, arm == RolloutArm.In ? rollout.Variation : control))]);
        rule["ranges"] = new JsonArray([.. order.Select(arm => (JsonNode)new JsonArray(arms.RangeOf(arm).Start, arms.RangeOf(arm).End))]);
        rule["hashAttribute"] = rollout.HashAttribute;
        rule["seed"] = rollout.Seed ?? flag.Key;
        rule["hashVersion"] = 2;
        rule["phase"] = plan.Phase.ToString(CultureInfo.InvariantCulture);
        rule["disableStickyBucketing"] = true;
        rule["meta"] = new JsonArray([.. order.Select(arm => (JsonNode)new JsonObject { ["key"] = RolloutArmKeys.Of(arm) })]);
    }

    // The rule's condition and its segments, all of which must hold.
    private static JsonNode? ConditionOf(Rule rule, Dictionary<string, Segment> segments)
    {
        var all = new List<JsonNode>();
        if (!rule.Condition.IsAlways)
        {
            all.Add(Node(rule.Condition.Source)!);
        }

        foreach (string key in rule.Segments)
        {
            all.Add(segments[key] switch
            {
                ConditionSegment c => Node(c.Condition.Source)!,
                IdListSegment l when !l.Attribute.Contains('.', StringComparison.Ordinal) =>
                    new JsonObject { [l.Attribute] = new JsonObject { ["$inGroup"] = l.Key } },
                _ => throw new NotSupportedException($"Segment '{key}' cannot be written as a GrowthBook condition."),
            });
        }

        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => new JsonObject { ["$and"] = new JsonArray([.. all]) },
        };
    }

    private static JsonNode? Value(Flag flag, string variationKey) =>
        Node(flag.FindVariation(variationKey)?.Value ?? DataValue.Null);

    private static JsonNode? Node(DataValue value) => JsonNode.Parse(value.ToJson());
}
