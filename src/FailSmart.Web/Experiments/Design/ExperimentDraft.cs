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

    /// <summary>The plan's inputs: the candidate allocations every team weighs, and this experiment's own.</summary>
    public PlanInput PlanInput()
    {
        double control = Variations.Count > 0 ? Variations[0].Percent / 100 : 0;
        double treatment = Variations.Count > 1 ? Variations.Skip(1).Min(v => v.Percent) / 100 : 0;
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
            ["variations"] = new JsonArray([.. Variations.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["weight"] = Math.Round(v.Percent / 100, 6) })]),
            ["coverage"] = Math.Round(CoveragePercent / 100, 6),
            ["status"] = "draft",
            ["metrics"] = metrics,
        };
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

    /// <summary>The id of the rule that runs it.</summary>
    public string RuleId => "experiment-" + Key.Trim();

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
