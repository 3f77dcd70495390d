using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.GrowthBook;

namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// Guarded rollouts against the GrowthBook JavaScript SDK 1.8.0: the payload's experiment rule must
/// serve every unit FailSmart's arm, value and exposure (experiment key and arm name).
/// </summary>
public sealed class GuardedRolloutDifferentialTests
{
    private const string Env = "production";

    private static Flag Flag(string key, double stage, RolloutPlan plan, string? seed = null, string condition = "{}", Rule? before = null) => new(
        key,
        FlagValueType.String,
        [new FlagVariation("grey", "grey"), new FlagVariation("blue", "blue"), new FlagVariation("green", "green")],
        new Dictionary<string, FlagEnvironment>
        {
            [Env] = new(true, [.. before is null ? [] : new[] { before }, new Rule("ramp", Condition.Parse(condition), new RolloutAction("blue", new RolloutStage(stage)) { Plan = plan, Seed = seed })], "grey", "grey"),
        });

    // Middle stages of the default ladder and of custom ones, with holdbacks from none to half.
    public static TheoryData<string, double, double, string?, string?> Cases => new()
    {
        { "default-10", 0.10, 0.01, null, null },
        { "default-25", 0.25, 0.01, "green", null },
        { "none-held-50", 0.50, 0, null, "seed-7" },
        { "half-held-33", 0.33, 0.5, "green", null },
        { "odd-holdback-5", 0.05, 0.0137, null, "s" },
        { "not-started", 0, 0.02, null, null },
        { "last", 1.0, 0.01, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Evaluate_guarded_rollout_agrees_with_the_growthbook_sdk(string name, double stage, double holdback, string? control, string? seed)
    {
        double[] stages = [.. new[] { 0.05, 0.10, 0.25, 0.33, 0.50, 1.0 }];
        var plan = new RolloutPlan([.. stages.Select(s => new RolloutPlanStage(s))]) { Holdback = holdback, ControlVariation = control, Phase = 4 };
        string flagKey = "guarded-" + name;
        var configuration = new Core.Model.Configuration
        {
            Flags = [Flag(flagKey, stage, plan, seed, """{"country": {"$ne": "AQ"}}""", new Rule("staff", Condition.Parse("""{"staff": true}"""), new ForceAction("green")))],
        };
        var generator = new DifferentialGenerator(20261207);
        string[] users = [
            .. Enumerable.Range(0, 4_000).Select(i => "{\"id\": \"u-" + i.ToString(CultureInfo.InvariantCulture) + "\"}"),
            .. Enumerable.Range(0, 400).Select(_ => generator.User()),
            """{"id": "u-1", "country": "AQ"}""",
            """{"id": "u-2", "staff": true}""",
            """{"country": "NZ"}""",
        ];
        JsonObject payload = GrowthBookPayloadMapping.ToPayload(configuration, Env);
        var request = new JsonArray(new JsonObject { ["payload"] = payload, ["feature"] = flagKey, ["users"] = new JsonArray([.. users.Select(u => JsonNode.Parse(u))]) });

        JsonArray results = (await GrowthBookNode.RunAsync(new JsonObject { ["features"] = request }))["features"]![0]!.AsArray();

        var evaluator = new Evaluator(configuration, Env);
        var differences = new List<string>();
        int[] arms = new int[3];
        for (int u = 0; u < users.Length; u++)
        {
            JsonNode expected = results[u]!;
            EvaluationResult actual = evaluator.Evaluate(flagKey, Attributes.Parse(users[u]));
            bool same = JsonNode.DeepEquals(JsonNode.Parse(actual.Value.ToJson()), expected["value"])
                && (actual.RuleId ?? string.Empty) == expected["ruleId"]!.GetValue<string>()
                && actual.InExperiment == expected["inExperiment"]!.GetValue<bool>()
                && (actual.InExperiment ? actual.ExperimentKey : null) == (expected["inExperiment"]!.GetValue<bool>() ? expected["experimentKey"]?.GetValue<string>() : null)
                && actual.ExposureVariation == expected["variationKey"]?.GetValue<string>();
            if (!same)
            {
                differences.Add($"{users[u]}: FailSmart {actual.Value.ToJson()} (rule '{actual.RuleId}', {actual.ExperimentKey}/{actual.ExposureVariation}), GrowthBook {expected.ToJsonString()}");
            }

            if (actual.InExperiment && RolloutArmKeys.TryParse(actual.ExposureVariation, out RolloutArm arm))
            {
                arms[(int)arm]++;
            }
        }

        differences.Count.ShouldBe(0, string.Join(Environment.NewLine, differences.Take(10)));
        // Every arm that should hold units does: the comparison covered each of them.
        (arms[(int)RolloutArm.In] > 0).ShouldBe(stage > 0);
        (arms[(int)RolloutArm.NotYet] > 0).ShouldBe(stage < 1);
        (arms[(int)RolloutArm.Holdback] > 0).ShouldBe(holdback > 0);
    }

    [Fact]
    public void ToPayload_guarded_rollout_is_an_experiment_rule_with_the_arms_exact_ranges()
    {
        var plan = new RolloutPlan(RolloutPlan.DefaultStages) { Phase = 2 };
        JsonObject payload = GrowthBookPayloadMapping.ToPayload(new Core.Model.Configuration { Flags = [Flag("checkout", 0.05, plan)] }, Env);

        JsonNode rule = payload["features"]!["checkout"]!["rules"]![0]!;

        rule.ToJsonString().ShouldBe("""{"id":"ramp","key":"rollout:checkout:ramp","variations":["grey","blue","grey"],"ranges":[[0.0495,0.99],[0,0.0495],[0.99,1]],"hashAttribute":"id","seed":"checkout","hashVersion":2,"phase":"2","disableStickyBucketing":true,"meta":[{"key":"not-yet"},{"key":"in"},{"key":"holdback"}]}""");
    }

    [Fact]
    public void ToPayload_refuses_a_guarded_rollout_with_a_fallback_attribute()
    {
        Flag flag = Flag("checkout", 0.05, new RolloutPlan(RolloutPlan.DefaultStages));
        FlagEnvironment state = flag.Environments[Env];
        Rule rule = state.Rules[0];
        Flag withFallback = flag with
        {
            Environments = new Dictionary<string, FlagEnvironment>
            {
                [Env] = state with { Rules = [rule with { Action = ((RolloutAction)rule.Action) with { FallbackAttribute = "device" } }] },
            },
        };

        Should.Throw<NotSupportedException>(() => GrowthBookPayloadMapping.ToPayload(new Core.Model.Configuration { Flags = [withFallback] }, Env))
            .Message.ShouldContain("guarded rollout with a fallback attribute");
    }
}
