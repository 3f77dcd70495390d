using System.Globalization;
using FailSmart.Application.Features;

namespace FailSmart.Web.Features;

/// <summary>What the feature form holds while someone edits it; percentages on the page, fractions in the feature.</summary>
internal sealed class FeatureFormState
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public string Problem { get; set; } = "";

    public string Statement { get; set; } = "";

    public string Metric { get; set; } = "";

    /// <summary>"increase" or "decrease".</summary>
    public string Direction { get; set; } = "increase";

    /// <summary>The smallest change worth having, in percent ("2" for 2%); empty for none.</summary>
    public string EffectPercent { get; set; } = "";

    /// <summary>Flag keys, separated by commas or spaces.</summary>
    public string Flags { get; set; } = "";

    /// <summary>Experiment keys, separated by commas or spaces.</summary>
    public string Experiments { get; set; } = "";

    /// <summary>Links the form does not edit (rollouts), kept as they are.</summary>
    public List<FeatureLinkInput> Other { get; } = [];

    public int FlagCount => Split(Flags).Length;

    public static FeatureFormState From(Feature feature)
    {
        var state = new FeatureFormState
        {
            Key = feature.Key,
            Name = feature.Name,
            Owner = feature.Owner,
            Problem = feature.Problem,
            Statement = feature.Hypothesis?.Statement ?? "",
            Metric = feature.Hypothesis?.Metric ?? "",
            Direction = feature.Hypothesis?.MinimumEffect < 0 ? "decrease" : "increase",
            EffectPercent = feature.Hypothesis?.MinimumEffect is double effect ? (Math.Abs(effect) * 100).ToString("0.####", CultureInfo.InvariantCulture) : "",
            Flags = string.Join(", ", feature.Links.Where(l => l.Kind == FeatureLinkKind.Flag).Select(l => l.Key)),
            Experiments = string.Join(", ", feature.Links.Where(l => l.Kind == FeatureLinkKind.Experiment).Select(l => l.Key)),
        };
        state.Other.AddRange(feature.Links.Where(l => l.Kind == FeatureLinkKind.Rollout).Select(l => new FeatureLinkInput("rollout", l.Key, l.Environment, l.Rule)));
        return state;
    }

    /// <summary>The input to send; an effect that is not a number is sent as NaN so the service names the field.</summary>
    public FeatureInput ToInput(FeatureValue? value)
    {
        bool hasHypothesis = !string.IsNullOrWhiteSpace(Statement) || !string.IsNullOrWhiteSpace(Metric) || !string.IsNullOrWhiteSpace(EffectPercent);
        double? effect = string.IsNullOrWhiteSpace(EffectPercent) ? null
            : double.TryParse(EffectPercent.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double percent)
                ? (Direction == "decrease" ? -percent : percent) / 100
                : double.NaN;
        List<FeatureLinkInput?> links =
        [
            .. Split(Flags).Select(k => new FeatureLinkInput("flag", k)),
            .. Split(Experiments).Select(k => new FeatureLinkInput("experiment", k)),
            .. Other,
        ];
        return new FeatureInput(
            Key.Trim(), Name, Owner, Problem,
            hasHypothesis ? new HypothesisInput(Statement, string.IsNullOrWhiteSpace(Metric) ? null : Metric, effect) : null,
            links, value?.PerUnit, value?.Currency, value?.CostPerPersonDay);
    }

    private static string[] Split(string keys) => keys.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
