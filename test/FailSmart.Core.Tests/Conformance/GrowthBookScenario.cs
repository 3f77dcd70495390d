using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.GrowthBook;

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
    // With coverage, a force rule is a percentage rollout on its hashVersion (1 when absent, as in GrowthBook).
    private static readonly HashSet<string> s_forceRuleKeys = ["id", "force", "condition", "coverage", "hashAttribute", "fallbackAttribute", "seed", "hashVersion"];

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

            if (rule.TryGetProperty("coverage", out _) && rule.TryGetProperty("hashVersion", out JsonElement version) && version.GetDouble() is not (0 or 1 or 2))
            {
                return "rollout on a hash version GrowthBook does not compute (refused by the import)";
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

    public static Experiment ToExperiment(JsonElement e, string key) => GrowthBookPayloadMapping.ExperimentFrom(e, key);

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

    /// <summary>GrowthBook features as FailSmart flags, through the mapping an importer uses.</summary>
    public static Configuration ToConfiguration(JsonElement context) => GrowthBookPayloadMapping.FromPayload(context, Env);
}
