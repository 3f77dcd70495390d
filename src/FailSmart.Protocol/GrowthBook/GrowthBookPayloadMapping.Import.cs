using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Protocol.GrowthBook;

public static partial class GrowthBookPayloadMapping
{
    // Rule properties that change who gets what and that FailSmart's model has no place for, with why.
    private static readonly (string Key, string Why)[] s_unsupportedRuleKeys =
    [
        ("filters", "hash filters place units by their own seeds and ranges; FailSmart places experiments by weights, coverage and layers, so units would move"),
        ("namespace", "a namespace hashes '__' and its name with version 1; FailSmart's layers hash with version 2, so units would land in other ranges"),
        ("ranges", "explicit variation ranges; FailSmart derives ranges from weights and coverage, so units would move"),
        ("range", "an explicit rollout range; FailSmart's rollouts start at 0, so units would move"),
        ("parentConditions", "a parent condition (prerequisite): GrowthBook skips the rule or serves null when it fails, FailSmart serves the off variation"),
        ("contextualBanditRef", "a contextual bandit, which FailSmart does not run"),
        ("tracks", "tracking calls on a rule; FailSmart records exposures only for experiments"),
    ];

    /// <summary>
    /// A GrowthBook payload (<c>features</c>, <c>savedGroups</c>) as FailSmart's model, for one
    /// environment: each feature's distinct values become flag variations (<c>v0</c>, <c>v1</c>…, in
    /// order of appearance, the default value first), force rules force one, a force rule with
    /// <c>coverage</c> is a rollout on the rule's hash version (GrowthBook's default 1, or 2), experiment rules run an experiment keyed by
    /// the rule's <c>key</c> (else the feature's) whose variation keys are the flag variations they
    /// serve, and saved groups (bare id lists) are id-list segments on <c>id</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">A rule uses something FailSmart's model cannot express; the message names it.</exception>
    public static Core.Model.Configuration FromPayload(JsonElement payload, string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var flags = new List<Flag>();
        var experiments = new List<Experiment>();
        if (payload.TryGetProperty("features", out JsonElement features))
        {
            foreach (JsonProperty feature in features.EnumerateObject())
            {
                (Flag flag, List<Experiment> own) = ImportFeature(feature.Name, feature.Value, environment);
                flags.Add(flag);
                experiments.AddRange(own);
            }
        }

        Segment[] segments = payload.TryGetProperty("savedGroups", out JsonElement groups)
            ? [.. groups.EnumerateObject().Select(g => new IdListSegment(g.Name, "id", [.. g.Value.EnumerateArray().Select(DataValue.FromJson)]))]
            : [];
        return new Core.Model.Configuration { Flags = flags, Experiments = experiments, Segments = segments };
    }

    /// <summary>
    /// A GrowthBook experiment (or experiment rule) as a FailSmart experiment with variations <c>v0</c>,
    /// <c>v1</c>…: missing weights are equal, the hash version defaults to 1 as in GrowthBook, and
    /// <c>active: false</c> is a draft.
    /// </summary>
    public static Experiment ExperimentFrom(JsonElement experiment, string key)
    {
        JsonElement[] variations = [.. experiment.GetProperty("variations").EnumerateArray()];
        double[] weights = experiment.TryGetProperty("weights", out JsonElement w)
            ? [.. w.EnumerateArray().Select(x => x.GetDouble())]
            : [.. VariationRanges.EqualWeights(variations.Length)];
        return new Experiment(key, [.. weights.Select((weight, i) => new ExperimentVariation("v" + i, weight))])
        {
            Coverage = experiment.TryGetProperty("coverage", out JsonElement c) ? c.GetDouble() : 1,
            HashAttribute = NonEmpty(experiment, "hashAttribute") ?? "id",
            FallbackAttribute = NonEmpty(experiment, "fallbackAttribute"),
            Seed = NonEmpty(experiment, "seed"), // none: the key, as GrowthBook's seed || key
            // An unknown version is kept, so validation refuses it with its number.
            HashVersion = TryReadHashVersion(experiment, out HashVersion version) ? version : (HashVersion)experiment.GetProperty("hashVersion").GetInt32(),
            Status = experiment.TryGetProperty("active", out JsonElement a) && !a.GetBoolean() ? ExperimentStatus.Draft : ExperimentStatus.Running,
        };
    }

    internal static (Flag Flag, List<Experiment> Experiments) ImportFeature(string featureKey, JsonElement feature, string environment)
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

        int defaultIndex = IndexOf(feature.TryGetProperty("defaultValue", out JsonElement d) ? DataValue.FromJson(d) : DataValue.Null);
        var rules = new List<Rule>();
        var experiments = new List<Experiment>();
        JsonElement[] ruleElements = feature.TryGetProperty("rules", out JsonElement r) ? [.. r.EnumerateArray()] : [];
        for (int i = 0; i < ruleElements.Length; i++)
        {
            JsonElement rule = ruleElements[i];
            foreach ((string key, string why) in s_unsupportedRuleKeys)
            {
                if (rule.TryGetProperty(key, out _))
                {
                    throw new NotSupportedException($"Feature '{featureKey}' rule {i} uses '{key}', which FailSmart's model does not express: {why}.");
                }
            }

            // Their default values (0, false) change nothing.
            if ((rule.TryGetProperty("bucketVersion", out JsonElement bv) && bv.GetInt32() != 0)
                || (rule.TryGetProperty("minBucketVersion", out JsonElement mv) && mv.GetInt32() != 0)
                || (rule.TryGetProperty("disableStickyBucketing", out JsonElement ds) && ds.GetBoolean()))
            {
                throw new NotSupportedException($"Feature '{featureKey}' rule {i} uses sticky bucket versions or opts out of sticky bucketing, which FailSmart's model does not express.");
            }

            string id = rule.TryGetProperty("id", out JsonElement ruleId) ? ruleId.GetString()! : "rule-" + i;
            Condition condition = rule.TryGetProperty("condition", out JsonElement c) ? Condition.From(DataValue.FromJson(c)) : Condition.Always;
            if (rule.TryGetProperty("force", out JsonElement force))
            {
                string variation = "v" + IndexOf(DataValue.FromJson(force));
                rules.Add(new Rule(id, condition, ForceOrRollout(featureKey, i, rule, variation)));
                continue;
            }

            string experimentKey = rule.TryGetProperty("key", out JsonElement k) ? k.GetString()! : featureKey;
            // GrowthBook's SDK does not read "active" from a rule (only from an experiment it is given), so it runs either way.
            Experiment experiment = ExperimentFrom(rule, experimentKey) with { Status = ExperimentStatus.Running };
            int[] map = [.. rule.GetProperty("variations").EnumerateArray().Select(v => IndexOf(DataValue.FromJson(v)))];
            experiments.Add(experiment with { Variations = [.. experiment.Variations.Select((v, j) => v with { Key = "v" + map[j] })] });
            rules.Add(new Rule(id, condition, new ExperimentAction(experimentKey)));
        }

        var flag = new Flag(
            featureKey,
            FlagValueType.Json,
            [.. values.Select((v, i) => new FlagVariation("v" + i, v))],
            new Dictionary<string, FlagEnvironment> { [environment] = new(true, rules, "v" + defaultIndex, "v" + defaultIndex) });
        return (flag, experiments);
    }

    private static RuleAction ForceOrRollout(string featureKey, int index, JsonElement rule, string variation)
    {
        if (!rule.TryGetProperty("coverage", out JsonElement coverage))
        {
            return new ForceAction(variation);
        }

        // As GrowthBook's SDK reads them: an empty seed or attribute is the default, an empty fallback none.
        // Coverage above 1 takes everyone with an id and below 0 nobody (its test is n <= coverage), as 1 and 0 do.
        return new RolloutAction(variation, new RolloutStage(Math.Clamp(coverage.GetDouble(), 0, 1)))
        {
            HashAttribute = NonEmpty(rule, "hashAttribute") ?? "id",
            FallbackAttribute = NonEmpty(rule, "fallbackAttribute"),
            Seed = NonEmpty(rule, "seed") ?? featureKey,
            HashVersion = RolloutHashVersion(featureKey, index, rule),
        };
    }

    private static HashVersion RolloutHashVersion(string featureKey, int index, JsonElement rule) =>
        TryReadHashVersion(rule, out HashVersion version)
            ? version
            : throw new NotSupportedException($"Feature '{featureKey}' rule {index} is a percentage rollout on hash version {rule.GetProperty("hashVersion").GetRawText()}, which GrowthBook's SDK does not compute (it skips the rule for every unit); FailSmart's rollouts hash with version 1 or 2. Set \"hashVersion\" to 1 or 2 in GrowthBook, or remove the rule.");

    // GrowthBook hashes with hashVersion || 1 (absent and falsy are version 1); any other version places nobody.
    private static bool TryReadHashVersion(JsonElement element, out HashVersion version)
    {
        version = HashVersion.V1;
        if (!element.TryGetProperty("hashVersion", out JsonElement value)
            || value.ValueKind is JsonValueKind.Null or JsonValueKind.False
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is 0 or 1 or 2)
        {
            version = value.GetDouble() == 2 ? HashVersion.V2 : HashVersion.V1;
            return true;
        }

        return false;
    }

    private static string? NonEmpty(JsonElement rule, string property) =>
        rule.TryGetProperty(property, out JsonElement value) && value.ValueKind != JsonValueKind.Null && value.GetString() is { Length: > 0 } text ? text : null;
}
