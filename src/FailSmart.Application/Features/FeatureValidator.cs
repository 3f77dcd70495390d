using FailSmart.Application.Configuration;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Features;

/// <summary>Checks a feature as sent, field by field, against the configuration it names (metrics, flags, experiments, environments).</summary>
internal sealed class FeatureValidator(IConfigStore config)
{
    public const int MaxName = 200;
    public const int MaxText = 10_000;
    public const int MaxLinks = 50;

    /// <summary>The problems found; empty when the input is a valid feature.</summary>
    public async Task<List<FieldProblem>> CheckAsync(FeatureInput input, bool creating, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (creating)
        {
            if (string.IsNullOrWhiteSpace(input.Key))
            {
                problems.Add(new("$.key", "key is required.", "Send a short identifier such as \"delivery-dates\": letters, digits, '.', '_', ':' or '-', at most 128."));
            }
            else if (!ResourceKeys.IsValid(input.Key))
            {
                problems.Add(new("$.key", $"'{Shorten(input.Key)}' is not a valid key.", "Use letters, digits, '.', '_', ':' or '-', starting with a letter or digit, at most 128."));
            }
        }

        Required(problems, "$.name", input.Name, MaxName, "Send what the team calls it, such as \"Delivery dates at checkout\".");
        Required(problems, "$.owner", input.Owner, MaxName, "Send who answers for it: an email or a team name.");
        Required(problems, "$.problem", input.Problem, MaxText, "Say the problem it answers in a sentence or two: whose problem, and how you know it is real.");
        if (input.Hypothesis is { } hypothesis)
        {
            await CheckHypothesisAsync(problems, hypothesis, cancellationToken);
        }

        if (input.Links is { } links)
        {
            await CheckLinksAsync(problems, links, cancellationToken);
        }

        NonNegative(problems, "$.valuePerUnit", input.ValuePerUnit, "Send what one unit of the hypothesis metric, per unit reached, is worth: a number of at least 0.");
        NonNegative(problems, "$.costPerPersonDay", input.CostPerPersonDay, "Send what a person-day costs: a number of at least 0.");
        if (input.Currency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            problems.Add(new("$.currency", $"'{Shorten(currency)}' is not a currency code.", "Send an ISO 4217 code in capitals, such as \"EUR\" or \"USD\"."));
        }

        return problems;
    }

    private async Task CheckHypothesisAsync(List<FieldProblem> problems, HypothesisInput hypothesis, CancellationToken cancellationToken)
    {
        Required(problems, "$.hypothesis.statement", hypothesis.Statement, MaxText, "Say what you believe will happen and for whom, such as \"Showing delivery dates raises conversion\".");
        if (hypothesis.Metric is { } metric)
        {
            StoredResource? found = ResourceKeys.IsValid(metric) ? await config.GetAsync(ResourceKind.Metric, metric, cancellationToken) : null;
            if (found is null)
            {
                problems.Add(new("$.hypothesis.metric", $"There is no metric '{Shorten(metric)}'.", "Define the metric first (POST /api/v1/metrics), or name one from GET /api/v1/metrics."));
            }
            else if (found.Archived)
            {
                problems.Add(new("$.hypothesis.metric", $"The metric '{metric}' is archived.", "Name a metric that is in use, or unarchive this one first."));
            }
        }

        if (hypothesis.MinimumEffect is double effect)
        {
            if (!double.IsFinite(effect) || effect == 0 || Math.Abs(effect) > 10)
            {
                problems.Add(new("$.hypothesis.minimumEffect", $"{effect} is not a smallest effect worth having.",
                    "Send a relative change, signed in the direction you expect, between -10 and 10 and not 0: 0.02 for at least 2% up, -0.02 for at least 2% down."));
            }
            else if (hypothesis.Metric is null)
            {
                problems.Add(new("$.hypothesis.minimumEffect", "A smallest effect needs the metric it is measured on.", "Send hypothesis.metric with it."));
            }
        }
    }

    private async Task CheckLinksAsync(List<FieldProblem> problems, IReadOnlyList<FeatureLinkInput?> links, CancellationToken cancellationToken)
    {
        if (links.Count > MaxLinks)
        {
            problems.Add(new("$.links", $"{links.Count} links are more than {MaxLinks}.", "Split the work into several features."));
            return;
        }

        IReadOnlyList<string>? environments = null;
        for (int i = 0; i < links.Count; i++)
        {
            string path = $"$.links[{i}]";
            if (links[i] is not { } link)
            {
                problems.Add(new(path, "A link is missing.", "Send {\"kind\": \"flag\", \"key\": \"…\"}."));
                continue;
            }

            if (!TryParseKind(link.Kind, out FeatureLinkKind kind))
            {
                problems.Add(new(path + ".kind", $"'{Shorten(link.Kind ?? "null")}' is not a kind of link.", "Send \"flag\", \"experiment\" or \"rollout\"."));
                continue;
            }

            ResourceKind resourceKind = kind == FeatureLinkKind.Experiment ? ResourceKind.Experiment : ResourceKind.Flag;
            if (link.Key is not { } key || !ResourceKeys.IsValid(key) || await config.GetAsync(resourceKind, key, cancellationToken) is null)
            {
                string what = resourceKind == ResourceKind.Experiment ? "experiment" : "flag";
                problems.Add(new(path + ".key", $"There is no {what} '{Shorten(link.Key ?? "null")}'.", $"Name an existing {what} by its key."));
            }

            if (kind == FeatureLinkKind.Rollout)
            {
                environments ??= await config.ListEnvironmentKeysAsync(cancellationToken);
                if (link.Environment is null || !environments.Contains(link.Environment, StringComparer.Ordinal))
                {
                    problems.Add(new(path + ".environment", $"'{Shorten(link.Environment ?? "null")}' is not an environment.",
                        $"A rollout runs in one environment: send one of {string.Join(", ", environments)}."));
                }
            }
            else if (link.Environment is not null || link.Rule is not null)
            {
                problems.Add(new(path, "Only a rollout link has an environment and a rule.", "Leave environment and rule out, or send kind \"rollout\"."));
            }
        }
    }

    public static bool TryParseKind(string? text, out FeatureLinkKind kind)
    {
        kind = default;
        return text is "flag" or "experiment" or "rollout" && Enum.TryParse(text, ignoreCase: true, out kind);
    }

    private static void Required(List<FieldProblem> problems, string path, string? value, int max, string hint)
    {
        string name = path[(path.LastIndexOf('.') + 1)..];
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(path, $"{name} is required.", hint));
        }
        else if (value.Length > max)
        {
            problems.Add(new(path, $"{name} has {value.Length} characters, more than {max}.", $"Shorten it to at most {max} characters."));
        }
    }

    private static void NonNegative(List<FieldProblem> problems, string path, double? value, string hint)
    {
        if (value is double number && (!double.IsFinite(number) || number < 0))
        {
            problems.Add(new(path, $"{number} is not an amount.", hint));
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
