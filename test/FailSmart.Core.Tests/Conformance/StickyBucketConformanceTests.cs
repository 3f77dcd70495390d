using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using static FailSmart.Core.Tests.Conformance.GrowthBookScenario;

namespace FailSmart.Core.Tests.Conformance;

/// <summary>
/// GrowthBook's "stickyBucket" section as scenarios for FailSmart's sticky assignments: stored
/// assignments are honoured only for their own unit, a new assignment is saved under the attribute
/// actually hashed (the fallback one when the main one is missing), and a unit's own assignment is
/// preferred. GrowthBook's bucket versions, per-experiment opt-out and moving an assignment from the
/// fallback attribute to the main one have no counterpart in FailSmart; those cases are counted by reason.
/// </summary>
public sealed class StickyBucketConformanceTests
{
    [Fact]
    public void StickyBucket_every_expressible_growthbook_case_matches()
    {
        var failures = new List<string>();
        var skipped = new Dictionary<string, int>();
        int passed = 0;
        foreach (JsonElement c in GrowthBookCases.Section("stickyBucket"))
        {
            string name = c[0].GetString()!;
            JsonElement context = c[1];
            JsonElement[] docs = [.. c[2].EnumerateArray()];
            string featureKey = c[3].GetString()!;
            JsonElement expected = c[4];
            if (Unsupported(context, docs) is { } reason)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                continue;
            }

            Configuration config = ToConfiguration(context);
            Dictionary<string, Experiment> experiments = config.Experiments.ToDictionary(e => e.Key, StringComparer.Ordinal);
            var store = new InMemoryStickyAssignmentStore();
            foreach (JsonElement doc in docs)
            {
                foreach (JsonProperty assignment in doc.GetProperty("assignments").EnumerateObject())
                {
                    string experimentKey = assignment.Name[..assignment.Name.LastIndexOf("__", StringComparison.Ordinal)];
                    int index = int.Parse(assignment.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    store.Save(new StickyAssignmentKey(doc.GetProperty("attributeName").GetString()!, doc.GetProperty("attributeValue").GetString()!, experimentKey), experiments[experimentKey].Variations[index].Key);
                }
            }

            var evaluator = new Evaluator(config, Env, new EvaluatorOptions { StickyAssignments = store });
            EvaluationResult result = evaluator.Evaluate(featureKey, AttributesOf(context));

            string? problem = Compare(result, expected) ?? CompareSaved(store, experiments, c[5], context.GetProperty("attributes"));
            if (problem is null)
            {
                passed++;
            }
            else
            {
                failures.Add($"{name}: {problem}");
            }
        }

        failures.ShouldBeEmpty();
        passed.ShouldBe(5);
        skipped.Values.Sum().ShouldBe(8);
    }

    private static string? Unsupported(JsonElement context, JsonElement[] docs)
    {
        foreach (JsonProperty feature in context.GetProperty("features").EnumerateObject())
        {
            foreach (JsonElement rule in feature.Value.GetProperty("rules").EnumerateArray())
            {
                if (rule.TryGetProperty("bucketVersion", out JsonElement v) && v.GetInt32() != 0)
                {
                    return "bucket versions";
                }

                if (rule.TryGetProperty("minBucketVersion", out JsonElement m) && m.GetInt32() != 0)
                {
                    return "bucket versions";
                }

                if (rule.TryGetProperty("disableStickyBucketing", out JsonElement d) && d.GetBoolean())
                {
                    return "per-experiment opt-out";
                }

                string main = rule.TryGetProperty("hashAttribute", out JsonElement h) ? h.GetString()! : "id";
                bool hasMain = context.GetProperty("attributes").TryGetProperty(main, out _);
                bool mainDoc = docs.Any(doc => doc.GetProperty("attributeName").GetString() == main);
                if (hasMain && !mainDoc && docs.Length > 0 && rule.TryGetProperty("fallbackAttribute", out JsonElement f)
                    && docs.Any(doc => doc.GetProperty("attributeName").GetString() == f.GetString()))
                {
                    return "assignment moved from the fallback attribute";
                }
            }
        }

        return docs.Any(doc => doc.GetProperty("assignments").EnumerateObject().Any(a => !a.Name.EndsWith("__0", StringComparison.Ordinal)))
            ? "bucket versions"
            : null;
    }

    private static string? Compare(EvaluationResult result, JsonElement expected)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return result.InExperiment ? $"expected no experiment, got {result}" : null;
        }

        bool ok = result.InExperiment == expected.GetProperty("inExperiment").GetBoolean()
            && result.Value.Equals(DataValue.FromJson(expected.GetProperty("value")))
            && result.HashAttribute == expected.GetProperty("hashAttribute").GetString()
            && result.HashValue == expected.GetProperty("hashValue").GetString()
            && Math.Abs(result.Bucket - expected.GetProperty("bucket").GetDouble()) < 1e-9;
        return ok ? null : $"got {result} (hashed {result.HashAttribute}='{result.HashValue}', point {result.Bucket})";
    }

    // GrowthBook lists the documents of this unit's attributes only, so another unit's stored one is left out.
    private static string? CompareSaved(InMemoryStickyAssignmentStore store, Dictionary<string, Experiment> experiments, JsonElement expectedDocs, JsonElement attributes)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty doc in expectedDocs.EnumerateObject())
        {
            foreach (JsonProperty assignment in doc.Value.GetProperty("assignments").EnumerateObject())
            {
                expected.Add($"{doc.Value.GetProperty("attributeName").GetString()}={doc.Value.GetProperty("attributeValue").GetString()}:{assignment.Name[..^3]}={assignment.Value.GetString()}");
            }
        }

        var actual = new SortedSet<string>(store.Assignments.Where(a => attributes.TryGetProperty(a.Key.HashAttribute, out JsonElement v) && v.GetString() == a.Key.HashValue).Select(a =>
            $"{a.Key.HashAttribute}={a.Key.HashValue}:{a.Key.ExperimentKey}={experiments[a.Key.ExperimentKey].Variations.ToList().FindIndex(v => v.Key == a.Value)}"), StringComparer.Ordinal);
        return expected.SetEquals(actual) ? null : $"saved {string.Join(", ", actual)}; expected {string.Join(", ", expected)}";
    }
}
