using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Application.Experiments;

namespace FailSmart.Web.Experiments.Design;

/// <summary>
/// What the experiment wizard holds while someone designs an experiment, and the documents it becomes: the
/// experiment (a draft) and the flag rule that runs it. Percentages on the page, fractions in the documents.
/// </summary>
public sealed class ExperimentDraft
{
    public string Key { get; set; } = "";

    public string Hypothesis { get; set; } = "";

    public string? PrimaryMetric { get; set; }

    /// <summary>"increase" or "decrease": the direction the hypothesis expects the primary metric to move.</summary>
    public string Direction { get; set; } = "increase";

    /// <summary>The smallest change worth acting on, in percent of the baseline (2 for 2%).</summary>
    public double? MinimumEffectPercent { get; set; } = 2;

    public HashSet<string> Guardrails { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Secondaries { get; } = new(StringComparer.Ordinal);

    public string? Flag { get; set; }

    public string Environment { get; set; } = "production";

    public string HashAttribute { get; set; } = "id";

    /// <summary>A segment the rule targets; null targets everyone who reaches the rule.</summary>
    public string? Segment { get; set; }

    public List<VariationWeight> Variations { get; } = [];

    /// <summary>True when it launches several features together (a factorial launch); false for one change with its variations (A/B/n).</summary>
    public bool IsFactorial { get; set; }

    /// <summary>The features of a factorial launch, in the order picked: the order of the digits in its cells.</summary>
    public List<LaunchFeature> Features { get; } = [];

    /// <summary>The layer it runs in; null runs it outside any layer.</summary>
    public string? Layer { get; set; }

    public int BucketFrom { get; set; }

    public int BucketTo { get; set; } = 2_000;

    /// <summary>The share of eligible units (of its layer span, inside a layer) it enrols, in percent.</summary>
    public double CoveragePercent { get; set; } = 100;

    public double? Baseline { get; set; }

    public double? Variance { get; set; }

    public double? UnitsPerDay { get; set; }

    public double? ValuePerUnit { get; set; } = 1;

    /// <summary>The primary metric is a rate (conversion, retention): its variance follows from the baseline.</summary>
    public bool Proportion { get; set; }

    /// <summary>The minimum effect as a signed fraction, as the experiment document stores it.</summary>
    public double? MinimumEffect => MinimumEffectPercent is { } p ? (Direction == "decrease" ? -p : p) / 100 : null;

    /// <summary>The hypothesis step as the shared type: the statement, the primary metric and the signed smallest effect.</summary>
    public Core.Model.Hypothesis ToHypothesis() => new(Hypothesis.Trim()) { Metric = string.IsNullOrEmpty(PrimaryMetric) ? null : PrimaryMetric, MinimumEffect = MinimumEffect };

    /// <summary>Fills the hypothesis step from a hypothesis (a feature's), keeping what it leaves out.</summary>
    public void UseHypothesis(Core.Model.Hypothesis hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        Hypothesis = hypothesis.Statement;
        PrimaryMetric = hypothesis.Metric ?? PrimaryMetric;
        if (hypothesis.MinimumEffect is double effect)
        {
            Direction = effect < 0 ? "decrease" : "increase";
            MinimumEffectPercent = Math.Round(Math.Abs(effect) * 100, 4);
        }
    }

    /// <summary>The share of all traffic the experiment enrols (0 to 1).</summary>
    public double Allocation => CoveragePercent / 100 * (Layer is null ? 1 : Math.Max(0, BucketTo - BucketFrom) / 10_000.0);

    /// <summary>Gives the experiment the flag's variations, split evenly (rounded to a hundredth of a percent).</summary>
    public void UseVariations(IEnumerable<string> keys)
    {
        Variations.Clear();
        string[] all = [.. keys];
        for (int i = 0; i < all.Length; i++)
        {
            double even = Math.Round(100.0 / all.Length, 2);
            Variations.Add(new VariationWeight(all[i], i == all.Length - 1 ? Math.Round(100 - (even * (all.Length - 1)), 2) : even));
        }
    }

    /// <summary>
    /// The plan's inputs: the candidate allocations every team weighs, and this experiment's own. A factorial launch reads
    /// each feature's own effect from the half of its units with the feature on against the half with it off.
    /// </summary>
    public PlanInput PlanInput()
    {
        double control = IsFactorial ? 0.5 : Variations.Count > 0 ? Variations[0].Percent / 100 : 0;
        double treatment = IsFactorial ? 0.5 : Variations.Count > 1 ? Variations.Skip(1).Min(v => v.Percent) / 100 : 0;
        double[] allocations = [.. FailSmart.Application.Experiments.PlanInput.DefaultAllocations.Append(Math.Round(Allocation, 6)).Where(a => a > 0).Distinct().Order()];
        return new PlanInput(Baseline, Variance, Proportion, UnitsPerDay, MinimumEffect, ValuePerUnit, allocations, control, treatment);
    }

    /// <summary>The experiment's document, as a draft.</summary>
    public JsonObject ToExperiment()
    {
        Core.Model.Hypothesis hypothesis = ToHypothesis();
        var metrics = new JsonArray();
        if (hypothesis.Metric is not null)
        {
            var primary = new JsonObject { ["key"] = hypothesis.Metric, ["role"] = "primary" };
            if (hypothesis.MinimumEffect is { } effect)
            {
                primary["minimumEffect"] = Math.Round(effect, 6);
            }

            metrics.Add(primary);
        }

        foreach (string key in Guardrails.Where(k => k != PrimaryMetric).Order(StringComparer.Ordinal))
        {
            metrics.Add(new JsonObject { ["key"] = key, ["role"] = "guardrail" });
        }

        foreach (string key in Secondaries.Where(k => k != PrimaryMetric && !Guardrails.Contains(k)).Order(StringComparer.Ordinal))
        {
            metrics.Add(new JsonObject { ["key"] = key, ["role"] = "secondary" });
        }

        var document = new JsonObject
        {
            ["key"] = Key.Trim(),
            ["hypothesis"] = hypothesis.Statement,
            ["hashAttribute"] = HashAttribute.Trim(),
        };
        if (IsFactorial)
        {
            // A launch has no variations of its own: its cells follow from its features.
            document["factorial"] = new JsonObject { ["features"] = new JsonArray([.. Features.Select(FeatureDocument)]) };
        }
        else
        {
            document["variations"] = new JsonArray([.. Variations.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["weight"] = Math.Round(v.Percent / 100, 6) })]);
        }

        document["coverage"] = Math.Round(CoveragePercent / 100, 6);
        document["status"] = "draft";
        document["metrics"] = metrics;
        if (Layer is not null)
        {
            document["layer"] = new JsonObject { ["key"] = Layer, ["buckets"] = new JsonArray(BucketFrom, BucketTo) };
        }

        return document;
    }

    /// <summary>The flag's document with a rule that runs the experiment appended in the chosen environment, or null when the flag has no such environment.</summary>
    public JsonObject? WithRule(string flagDocument, IReadOnlyList<string> tags)
    {
        if (JsonNode.Parse(flagDocument) is not JsonObject flag || flag["environments"]?[Environment] is not JsonObject environment)
        {
            return null;
        }

        if (environment["rules"] is not JsonArray rules)
        {
            rules = [];
            environment["rules"] = rules;
        }

        var rule = new JsonObject { ["id"] = RuleId, ["experiment"] = new JsonObject { ["key"] = Key.Trim() } };
        if (!string.IsNullOrEmpty(Segment))
        {
            rule["segments"] = new JsonArray(Segment);
        }

        rules.Add(rule);
        if (tags.Count > 0)
        {
            flag["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }

        return flag;
    }

    /// <summary>The flags whose rules run it: each feature's of a factorial launch, else the one chosen (none yet: empty).</summary>
    public IReadOnlyList<string> RuleFlags => IsFactorial ? [.. Features.Select(f => f.Flag)] : Flag is null ? [] : [Flag];

    /// <summary>The seed a feature gets when none is typed, as the launch's model gives it.</summary>
    public string DefaultSeed(string flag) => Core.Model.FactorialDesign.DefaultSeed(NewKey, flag);

    /// <summary>Picks a feature for the launch (last in the cells' digits), or drops it.</summary>
    public void PickFeature(string flag, bool on)
    {
        int at = Features.FindIndex(f => f.Flag == flag);
        if (on && at < 0)
        {
            Features.Add(new LaunchFeature(flag));
        }
        else if (!on && at >= 0)
        {
            Features.RemoveAt(at);
        }
    }

    /// <summary>
    /// The launch's features whose flags do not exist (or are archived) now, as problems at their paths. The server refuses
    /// every other mistake (not 2 to 5, named twice, a shared seed, not a boolean flag) but takes a launch before its flags,
    /// since configuration as code writes them one at a time; the wizard writes both, so it checks first and writes nothing.
    /// </summary>
    public IReadOnlyList<Protocol.Admin.FieldProblem> MissingFeatures(IReadOnlySet<string> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return IsFactorial
            ? [.. Features.Select((f, i) => (f.Flag, i)).Where(f => !existing.Contains(f.Flag)).Select(f => new Protocol.Admin.FieldProblem(
                $"{FeaturesPath}[{f.i}].flag", $"Flag '{f.Flag}' does not exist or is archived.", "Pick a boolean flag that gates the feature, or create it first."))]
            : [];
    }

    /// <summary>Where the launch's features are in the experiment's document, as the server names their problems.</summary>
    public const string FeaturesPath = "$.factorial.features";

    /// <summary>The id of the rule that runs it.</summary>
    public string RuleId => "experiment-" + Key.Trim();

    private string NewKey => Key.Trim();

    private string SeedOf(LaunchFeature feature) => string.IsNullOrWhiteSpace(feature.Seed) ? DefaultSeed(feature.Flag) : feature.Seed.Trim();

    // The default seed is left out, so the document keeps following the launch's key as the model does.
    private JsonNode FeatureDocument(LaunchFeature feature)
    {
        var node = new JsonObject { ["flag"] = feature.Flag };
        string seed = SeedOf(feature);
        if (seed != DefaultSeed(feature.Flag))
        {
            node["seed"] = seed;
        }

        return node;
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
