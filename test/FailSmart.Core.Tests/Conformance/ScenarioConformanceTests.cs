using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using static FailSmart.Core.Tests.Conformance.GrowthBookScenario;

namespace FailSmart.Core.Tests.Conformance;

/// <summary>
/// GrowthBook's "run" and "feature" sections as scenarios: every case FailSmart's model can
/// express must give GrowthBook's value, experiment membership, source and rule id. The cases it
/// cannot express are counted by reason, so a change that silently drops cases fails.
/// </summary>
public sealed class ScenarioConformanceTests
{
    [Fact]
    public void Run_every_expressible_growthbook_case_matches()
    {
        var failures = new List<string>();
        var skipped = new Dictionary<string, int>();
        int passed = 0;
        foreach (JsonElement c in GrowthBookCases.Section("run"))
        {
            string name = c[0].GetString()!;
            JsonElement context = c[1], experiment = c[2];
            string? unsupported = Unsupported(context, allowFeatures: false) ?? UnsupportedExperiment(experiment);
            if (unsupported is not null)
            {
                skipped[unsupported] = skipped.GetValueOrDefault(unsupported) + 1;
                continue;
            }

            string key = experiment.GetProperty("key").GetString()!;
            DataValue[] values = [.. experiment.GetProperty("variations").EnumerateArray().Select(DataValue.FromJson)];
            var rule = new Rule("run", ConditionOf(experiment), new ExperimentAction(key));
            var config = new Configuration
            {
                Flags = [JsonFlag("flag", values, 0, [rule])],
                Experiments = [ToExperiment(experiment, key)],
                Segments = Segments(context),
            };

            EvaluationResult result = new Evaluator(config, Env).Evaluate("flag", AttributesOf(context));

            if (!result.Value.Equals(DataValue.FromJson(c[3])) || result.InExperiment != c[4].GetBoolean() || result.InExperiment != c[5].GetBoolean())
            {
                failures.Add($"{name}: got {result}");
            }
            else
            {
                passed++;
            }
        }

        failures.ShouldBeEmpty();
        passed.ShouldBe(52);
        skipped.Values.Sum().ShouldBe(21);
    }

    [Fact]
    public void Feature_every_expressible_growthbook_case_matches()
    {
        var failures = new List<string>();
        var skipped = new Dictionary<string, int>();
        int passed = 0;
        foreach (JsonElement c in GrowthBookCases.Section("feature"))
        {
            string name = c[0].GetString()!;
            JsonElement context = c[1];
            string featureKey = c[2].GetString()!;
            JsonElement expected = c[3];
            string? unsupported = Unsupported(context, allowFeatures: true) ?? UnsupportedFeatures(context);
            if (unsupported is not null)
            {
                skipped[unsupported] = skipped.GetValueOrDefault(unsupported) + 1;
                continue;
            }

            Configuration config = ToConfiguration(context);
            EvaluationResult result = new Evaluator(config, Env).Evaluate(featureKey, AttributesOf(context));

            string source = result.Reason switch
            {
                EvaluationReason.Default => "defaultValue",
                // GrowthBook's source for a force rule, with or without coverage (a percentage rollout).
                EvaluationReason.TargetingMatch or EvaluationReason.RolloutSplit => "force",
                EvaluationReason.Experiment => "experiment",
                EvaluationReason.Error when result.ErrorCode == EvaluationErrorCode.FlagNotFound => "unknownFeature",
                _ => result.Reason.ToString(),
            };
            string expectedRule = expected.GetProperty("ruleId").GetString()!;
            bool ok = result.Value.Equals(DataValue.FromJson(expected.GetProperty("value")))
                && source == expected.GetProperty("source").GetString()
                && (expectedRule.Length == 0 || expectedRule == result.RuleId);
            if (ok)
            {
                passed++;
            }
            else
            {
                failures.Add($"{name}: got {result} from {source}, rule {result.RuleId}");
            }
        }

        failures.ShouldBeEmpty();
        // Seven are percentage rollouts (four on hash version 1, three on version 2).
        passed.ShouldBe(26);
        skipped.Values.Sum().ShouldBe(29);
    }

    private static string? UnsupportedFeatures(JsonElement context)
    {
        if (!context.TryGetProperty("features", out JsonElement features))
        {
            return null;
        }

        foreach (JsonProperty feature in features.EnumerateObject())
        {
            foreach (JsonProperty p in feature.Value.EnumerateObject())
            {
                if (p.Name is not ("defaultValue" or "rules"))
                {
                    return "feature." + p.Name;
                }
            }

            if (feature.Value.TryGetProperty("rules", out JsonElement rules))
            {
                foreach (JsonElement rule in rules.EnumerateArray())
                {
                    if (UnsupportedRule(rule) is { } reason)
                    {
                        return reason;
                    }
                }
            }
        }

        return null;
    }
}
