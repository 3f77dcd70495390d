using System.Text.RegularExpressions;
using FailSmart.Application.Configuration;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>Checks a lesson as sent and turns it into what is stored, or says what is wrong, field by field.</summary>
internal static partial class LessonRules
{
    public static readonly string[] SubjectKinds = ["feature", "experiment", "rollout"];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Slug();

    public static async Task<(LessonDraft? Draft, List<FieldProblem> Problems)> CheckAsync(LessonInput input, IConfigStore config, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        string kind = input.SubjectKind?.Trim() ?? "";
        string key = input.SubjectKey?.Trim() ?? "";
        if (kind.Length == 0)
        {
            problems.Add(new("$.subject.kind", "subject.kind is required: what the lesson is about.", "Use feature, experiment or rollout."));
        }
        else if (!SubjectKinds.Contains(kind, StringComparer.Ordinal))
        {
            problems.Add(new("$.subject.kind", $"'{Shorten(kind)}' is not a subject kind.", "Use feature, experiment or rollout."));
        }
        else if (await SubjectProblemAsync(kind, key, config, cancellationToken) is { } subject)
        {
            problems.Add(subject);
        }

        string title = Text(input.Title, "$.title", "title", LearningLimits.MaxTitle, required: true, "Name the lesson in one line, such as \"Test cohort was already in the no-ads trial\".", problems);
        if (title.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add(new("$.title", "title must be one line.", "Move the details to what happened or why."));
        }

        string expected = Text(input.Expected, "$.expected", "expected", LearningLimits.MaxText, required: true, "Say what you expected, such as \"+5% 7-day retention\".", problems);
        string happened = Text(input.Happened, "$.happened", "happened", LearningLimits.MaxText, required: true, "Say what happened instead, with the numbers.", problems);
        string why = Text(input.Why, "$.why", "why", LearningLimits.MaxText, required: false, "", problems);
        string next = Text(input.NextTime, "$.nextTime", "nextTime", LearningLimits.MaxText, required: false, "", problems);
        IReadOnlyList<string> tags = List(input.Tags, "$.tags", "tag", IsSlug, "Use lowercase letters, digits and single hyphens, such as no-ads.", problems);
        IReadOnlyList<string> metrics = List(input.Metrics, "$.metrics", "metric key", ResourceKeys.IsValid, "Use the metric's key, such as retention-7d.", problems);
        IReadOnlyList<string> markets = List(input.Markets, "$.markets", "market", IsSlug, "Use lowercase slugs, such as se, nl or new-users.", problems);
        IReadOnlyList<string> links = List(input.Links, "$.links", "link", IsLink,
            $"Use an absolute http(s) URL or a FailSmart path such as /experiments/checkout, at most {LearningLimits.MaxLink} characters.", problems);
        return problems.Count > 0
            ? (null, problems)
            : (new LessonDraft(kind, key, title, expected, happened, why, next, tags, metrics, markets, links), problems);
    }

    /// <summary>Reads "kind:key" (or a kind alone) as a subject filter; null when it is not one.</summary>
    public static (string Kind, string? Key)? ParseSubject(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? text : text[..colon];
        string? key = colon < 0 ? null : text[(colon + 1)..];
        return SubjectKinds.Contains(kind, StringComparer.Ordinal) && (key is null || key.Length > 0) ? (kind, key) : null;
    }

    public static bool IsSlug(string value) => value.Length <= LearningLimits.MaxSlug && Slug().IsMatch(value);

    private static async Task<FieldProblem?> SubjectProblemAsync(string kind, string key, IConfigStore config, CancellationToken cancellationToken)
    {
        const string Path = "$.subject.key";
        if (key.Length == 0)
        {
            return new(Path, "subject.key is required: which " + kind + " the lesson is about.",
                kind == "rollout" ? "Name the rollout as flag/environment/rule, such as checkout/production/0." : $"Use the {kind}'s key.");
        }

        if (kind == "feature")
        {
            return ResourceKeys.IsValid(key) ? null : new(Path, $"'{Shorten(key)}' is not a valid feature key.", "Use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        }

        if (kind == "experiment")
        {
            return !ResourceKeys.IsValid(key)
                ? new(Path, $"'{Shorten(key)}' is not a valid experiment key.", "Use the experiment's key, as in /experiments/{key}.")
                : await config.GetAsync(ResourceKind.Experiment, key, cancellationToken) is null
                    ? new(Path, $"There is no experiment '{Shorten(key)}'.", "Use an existing experiment's key (the Experiments page lists them), or write the lesson about a feature.")
                    : null;
        }

        string[] parts = key.Split('/');
        if (parts.Length != 3 || !parts.All(ResourceKeys.IsValid))
        {
            return new(Path, $"'{Shorten(key)}' is not a rollout.", "Name the rollout as flag/environment/rule, such as checkout/production/0.");
        }

        if (await config.GetAsync(ResourceKind.Flag, parts[0], cancellationToken) is null)
        {
            return new(Path, $"There is no flag '{Shorten(parts[0])}'.", "Name the rollout's flag first: flag/environment/rule.");
        }

        return (await config.ListEnvironmentKeysAsync(cancellationToken)).Contains(parts[1], StringComparer.Ordinal)
            ? null
            : new(Path, $"There is no environment '{Shorten(parts[1])}'.", "Name an environment second: flag/environment/rule, such as checkout/production/0.");
    }

    private static string Text(string? value, string path, string name, int max, bool required, string hint, List<FieldProblem> problems)
    {
        string text = (value ?? "").Trim().ReplaceLineEndings("\n");
        if (text.Length == 0 && required)
        {
            problems.Add(new(path, $"{name} is required.", hint));
        }
        else if (text.Length > max)
        {
            problems.Add(new(path, $"{name} has {text.Length} characters, more than {max}.", "Shorten it, and link to the longer write-up as evidence."));
        }

        return text;
    }

    private static List<string> List(IReadOnlyList<string?>? values, string path, string what, Func<string, bool> valid, string hint, List<FieldProblem> problems)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > LearningLimits.MaxListItems)
        {
            problems.Add(new(path, $"{values.Count} items are more than {LearningLimits.MaxListItems}.", "Keep the few that matter most."));
            return [];
        }

        var kept = new List<string>();
        for (int i = 0; i < values.Count; i++)
        {
            string value = values[i]?.Trim() ?? "";
            if (!valid(value))
            {
                problems.Add(new($"{path}[{i}]", $"'{Shorten(value)}' is not a valid {what}.", hint));
            }
            else if (!kept.Contains(value, StringComparer.Ordinal))
            {
                kept.Add(value);
            }
        }

        return kept;
    }

    private static bool IsLink(string value)
    {
        if (value.Length is 0 or > LearningLimits.MaxLink || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (value[0] == '/')
        {
            return value.Length == 1 || value[1] is not ('/' or '\\');
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.UserInfo);
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
