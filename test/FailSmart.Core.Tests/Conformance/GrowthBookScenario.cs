using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Conformance;

/// <summary>
/// Translates GrowthBook "run" and "feature" payloads into FailSmart's model, when the model
/// expresses the same thing; otherwise says why not (the reason is the skip category).
/// </summary>
internal static class GrowthBookScenario
{
    public const string Env = "production";

    private static readonly HashSet<string> s_contextKeys = ["attributes", "savedGroups", "features"];
    private static readonly HashSet<string> s_experimentKeys = ["id", "key", "variations", "weights", "coverage", "hashAttribute", "seed", "hashVersion", "condition", "active", "name", "phase", "meta"];
    private static readonly HashSet<string> s_forceRuleKeys = ["id", "force", "condition"];

    public static string? Unsupported(JsonElement context, bool allowFeatures)
    {
        foreach (JsonProperty p in context.EnumerateObject())
        {
            if (!s_contextKeys.Contains(p.Name) || (p.Name == "features" && !allowFeatures))
            {
                return "context." + p.Name;
            }
        }

        return null;
    }

    public static string? UnsupportedExperiment(JsonElement experiment)
    {
        foreach (JsonProperty p in experiment.EnumerateObject())
        {
            if (!s_experimentKeys.Contains(p.Name))
            {
                return "experiment." + p.Name;
            }
        }

        if (experiment.GetProperty("variations").GetArrayLength() < 2)
        {
            return "fewer than two variations (rejected by validation)";
        }

        if (experiment.TryGetProperty("weights", out JsonElement weights)
            && !VariationRanges.SumsToOne([.. weights.EnumerateArray().Select(w => w.GetDouble())]))
        {
            return "weights not summing to 1 (rejected by validation)";
        }

        if (experiment.TryGetProperty("coverage", out JsonElement coverage) && coverage.GetDouble() is < 0 or > 1)
        {
            return "coverage outside [0, 1] (rejected by validation)";
        }

        return null;
    }

    public static string? UnsupportedRule(JsonElement rule)
    {
        if (rule.TryGetProperty("force", out _))
        {
            foreach (JsonProperty p in rule.EnumerateObject())
            {
                if (!s_forceRuleKeys.Contains(p.Name))
                {
                    return "force rule with " + p.Name;
                }
            }

            return null;
        }

        if (rule.TryGetProperty("variations", out _))
        {
            foreach (JsonProperty p in rule.EnumerateObject())
            {
                if (p.Name is not ("id" or "variations" or "weights" or "coverage" or "hashAttribute" or "seed" or "hashVersion" or "condition" or "key" or "name" or "phase" or "meta"))
                {
                    return "experiment rule with " + p.Name;
                }
            }

            return UnsupportedExperiment(rule);
        }

        return "rule without force or variations";
    }

    public static Experiment ToExperiment(JsonElement e, string key)
    {
        JsonElement[] variations = [.. e.GetProperty("variations").EnumerateArray()];
        double[] weights = e.TryGetProperty("weights", out JsonElement w)
            ? [.. w.EnumerateArray().Select(x => x.GetDouble())]
            : [.. VariationRanges.EqualWeights(variations.Length)];
        return new Experiment(key, [.. weights.Select((weight, i) => new ExperimentVariation("v" + i, weight))])
        {
            Coverage = e.TryGetProperty("coverage", out JsonElement c) ? c.GetDouble() : 1,
            HashAttribute = e.TryGetProperty("hashAttribute", out JsonElement h) ? h.GetString()! : "id",
            Seed = e.TryGetProperty("seed", out JsonElement s) ? s.GetString() : null,
            // GrowthBook defaults to hash version 1.
            HashVersion = e.TryGetProperty("hashVersion", out JsonElement v) ? (HashVersion)v.GetInt32() : HashVersion.V1,
            Status = e.TryGetProperty("active", out JsonElement a) && !a.GetBoolean() ? ExperimentStatus.Draft : ExperimentStatus.Running,
        };
    }

    public static Condition ConditionOf(JsonElement e) =>
        e.TryGetProperty("condition", out JsonElement c) ? Condition.From(DataValue.FromJson(c)) : Condition.Always;

    public static IdListSegment[] Segments(JsonElement context) =>
        context.TryGetProperty("savedGroups", out JsonElement groups)
            ? [.. groups.EnumerateObject().Select(g => new IdListSegment(g.Name, "id", [.. g.Value.EnumerateArray().Select(DataValue.FromJson)]))]
            : [];

    public static Attributes AttributesOf(JsonElement context) =>
        context.TryGetProperty("attributes", out JsonElement a) ? Attributes.FromObject(DataValue.FromJson(a).AsObject()!) : Attributes.Empty;

    public static Flag JsonFlag(string key, IReadOnlyList<DataValue> values, int defaultIndex, IReadOnlyList<Rule> rules) => new(
        key,
        FlagValueType.Json,
        [.. values.Select((v, i) => new FlagVariation("v" + i, v))],
        new Dictionary<string, FlagEnvironment> { [Env] = new(true, rules, "v" + defaultIndex, "v" + defaultIndex) });

    /// <summary>
    /// GrowthBook features as FailSmart flags: each feature's distinct values become flag variations,
    /// force rules force one, experiment rules run an experiment (keyed by the rule's key, else the
    /// feature's) whose variation keys are the flag variations they serve.
    /// </summary>
    public static Configuration ToConfiguration(JsonElement context)
    {
        var flags = new List<Flag>();
        var experiments = new List<Experiment>();
        if (context.TryGetProperty("features", out JsonElement features))
        {
            foreach (JsonProperty feature in features.EnumerateObject())
            {
                var values = new List<DataValue>();
                int IndexOf(DataValue value)
                {
                    int i = values.IndexOf(value);
                    if (i < 0)
                    {
                        values.Add(value);
                        i = values.Count - 1;
                    }

                    return i;
                }

                int defaultIndex = IndexOf(feature.Value.TryGetProperty("defaultValue", out JsonElement d) ? DataValue.FromJson(d) : DataValue.Null);
                var rules = new List<Rule>();
                JsonElement[] ruleElements = feature.Value.TryGetProperty("rules", out JsonElement r) ? [.. r.EnumerateArray()] : [];
                for (int i = 0; i < ruleElements.Length; i++)
                {
                    JsonElement rule = ruleElements[i];
                    string id = rule.TryGetProperty("id", out JsonElement ruleId) ? ruleId.GetString()! : "rule-" + i;
                    if (rule.TryGetProperty("force", out JsonElement force))
                    {
                        rules.Add(new Rule(id, ConditionOf(rule), new ForceAction("v" + IndexOf(DataValue.FromJson(force)))));
                        continue;
                    }

                    string experimentKey = rule.TryGetProperty("key", out JsonElement k) ? k.GetString()! : feature.Name;
                    Experiment experiment = ToExperiment(rule, experimentKey);
                    int[] map = [.. rule.GetProperty("variations").EnumerateArray().Select(v => IndexOf(DataValue.FromJson(v)))];
                    experiments.Add(experiment with
                    {
                        Variations = [.. experiment.Variations.Select((v, j) => v with { Key = "v" + map[j] })],
                        FallbackAttribute = rule.TryGetProperty("fallbackAttribute", out JsonElement fallback) ? fallback.GetString() : null,
                    });
                    rules.Add(new Rule(id, ConditionOf(rule), new ExperimentAction(experimentKey)));
                }

                flags.Add(JsonFlag(feature.Name, values, defaultIndex, rules));
            }
        }

        return new Configuration { Flags = flags, Experiments = experiments, Segments = Segments(context) };
    }
}
