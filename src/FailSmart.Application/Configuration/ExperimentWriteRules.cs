using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// What an experiment write must respect beyond its own shape: the metrics it names exist (and are not
/// archived), and a running experiment's split changes only with a new phase. Units assigned under two
/// different splits (or, for a factorial launch, different features or seeds) cannot be compared as one sample, and results are analysed per phase, so a change of
/// weights or coverage without a new phase would silently mix them.
/// </summary>
internal static class ExperimentWriteRules
{
    public static IReadOnlyList<FieldProblem> Check(IReadOnlyList<StoredResource> resources, string key, JsonElement document)
    {
        var problems = new List<FieldProblem>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        CheckMetrics(resources, document, problems);
        StoredResource? stored = resources.FirstOrDefault(r => r.Kind == ResourceKind.Experiment && r.Key == key && !r.Archived);
        if (stored is not null)
        {
            using JsonDocument before = JsonDocument.Parse(stored.Document);
            CheckPhase(key, before.RootElement, document, problems);
        }

        return problems;
    }

    private static void CheckMetrics(IReadOnlyList<StoredResource> resources, JsonElement document, List<FieldProblem> problems)
    {
        if (!document.TryGetProperty("metrics", out JsonElement metrics) || metrics.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var known = resources.Where(r => r.Kind == ResourceKind.Metric).ToDictionary(r => r.Key, r => r.Archived, StringComparer.Ordinal);
        int i = 0;
        foreach (JsonElement metric in metrics.EnumerateArray())
        {
            if (metric.ValueKind == JsonValueKind.Object && metric.TryGetProperty("key", out JsonElement k) && k.ValueKind == JsonValueKind.String && k.GetString() is { Length: > 0 } name)
            {
                if (!known.TryGetValue(name, out bool archived))
                {
                    problems.Add(new($"$.metrics[{i}].key", $"There is no metric '{name}'.", "Create it with POST /api/v1/metrics first, or name one that GET /api/v1/metrics lists."));
                }
                else if (archived)
                {
                    problems.Add(new($"$.metrics[{i}].key", $"The metric '{name}' is archived.", $"Unarchive it with POST /api/v1/metrics/{name}/unarchive, or remove it from this experiment's metrics."));
                }
            }

            i++;
        }
    }

    private static void CheckPhase(string key, JsonElement before, JsonElement after, List<FieldProblem> problems)
    {
        if (!IsRunning(before) || !IsRunning(after))
        {
            return;
        }

        int oldPhase = Phase(before), newPhase = Phase(after);
        if (newPhase < oldPhase)
        {
            problems.Add(new("$.phase", $"Experiment '{key}' is in phase {oldPhase}; a phase never goes back.", $"Keep phase {oldPhase}, or increase it to {oldPhase + 1} to start a new phase."));
            return;
        }

        string[] changed = [.. new[]
        {
            Weights(before).SequenceEqual(Weights(after)) ? null : "variation weights",
            Coverage(before) == Coverage(after) ? null : "coverage",
            Features(key, before).SequenceEqual(Features(key, after), StringComparer.Ordinal) ? null : "factorial features",
        }.OfType<string>()];
        if (changed.Length > 0 && newPhase == oldPhase)
        {
            problems.Add(new(
                "$.phase",
                $"Changing the {string.Join(" and ", changed)} of running experiment '{key}' in phase {oldPhase} would analyse units assigned under two splits as one sample.",
                $"Increase phase to {oldPhase + 1} to start a new phase; results are analysed per phase."));
        }
    }

    // A launch's features with their effective seeds, in order: adding, removing, reordering or reseeding one
    // changes which cell a unit is in (or what a cell means).
    private static string[] Features(string key, JsonElement experiment) =>
        experiment.TryGetProperty("factorial", out JsonElement factorial) && factorial.ValueKind == JsonValueKind.Object
            && factorial.TryGetProperty("features", out JsonElement features) && features.ValueKind == JsonValueKind.Array
            ? [.. features.EnumerateArray().Select(f => f.ValueKind != JsonValueKind.Object ? "?" : Text(f, "flag") is { } flag
                ? flag + "\n" + (Text(f, "seed") ?? Core.Model.FactorialDesign.DefaultSeed(key, flag))
                : "?")]
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool IsRunning(JsonElement experiment) =>
        !experiment.TryGetProperty("status", out JsonElement status) || status.ValueKind == JsonValueKind.Null || status.ValueEquals("running");

    private static int Phase(JsonElement experiment) =>
        experiment.TryGetProperty("phase", out JsonElement phase) && phase.TryGetInt32(out int value) ? value : 1;

    private static double Coverage(JsonElement experiment) =>
        experiment.TryGetProperty("coverage", out JsonElement coverage) && coverage.ValueKind == JsonValueKind.Number ? coverage.GetDouble() : 1;

    private static double[] Weights(JsonElement experiment) =>
        experiment.TryGetProperty("variations", out JsonElement variations) && variations.ValueKind == JsonValueKind.Array
            ? [.. variations.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("weight", out JsonElement w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : double.NaN)]
            : [];
}
