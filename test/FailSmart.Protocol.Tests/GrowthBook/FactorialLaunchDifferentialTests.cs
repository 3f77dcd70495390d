using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.GrowthBook;

namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// A factorial launch against the GrowthBook JavaScript SDK 1.8.0: each flag's rule must serve every unit
/// the value FailSmart serves, through the launch's coverage and layer; GrowthBook's exposure names the
/// feature (<c>{launch}:{flag}</c>) and its on or off, since one GrowthBook rule cannot compute the cell.
/// </summary>
public sealed class FactorialLaunchDifferentialTests
{
    private const string Env = "production";

    private static readonly FactorialFeature[] s_features = [new("search", "s-1"), new("badges", "spring:badges"), new("ranking", "r-9")];

    private static Core.Model.Configuration Configuration(double coverage, HashVersion version) => new()
    {
        Flags = [.. s_features.Select(f => new Flag(
            f.Flag,
            FlagValueType.Boolean,
            [new FlagVariation("off", false), new FlagVariation("on", true)],
            new Dictionary<string, FlagEnvironment>
            {
                [Env] = new(true, [new Rule("staff", Condition.Parse("""{"staff": true}"""), new ForceAction("on")), new Rule("launch", Condition.Always, new ExperimentAction("spring"))], "off", "off"),
            }))],
        Experiments = [new Experiment("spring", FactorialCells.Variations(3))
        {
            Factorial = new FactorialDesign(s_features),
            Coverage = coverage,
            HashVersion = version,
            Phase = 3,
            Layer = new LayerAllocation("checkout", new BucketSpan(1000, 8000)),
        }],
        Layers = [new Layer("checkout", "checkout-salt")],
    };

    [Theory]
    [InlineData(1.0, HashVersion.V2)]
    [InlineData(0.45, HashVersion.V2)]
    [InlineData(0.7, HashVersion.V1)]
    public async Task Every_flag_of_a_launch_serves_what_the_growthbook_sdk_serves(double coverage, HashVersion version)
    {
        Core.Model.Configuration configuration = Configuration(coverage, version);
        var generator = new DifferentialGenerator(20261207);
        string[] users = [
            .. Enumerable.Range(0, 3_000).Select(i => "{\"id\": \"u-" + i.ToString(CultureInfo.InvariantCulture) + "\"}"),
            .. Enumerable.Range(0, 300).Select(_ => generator.User()),
            """{"id": "u-2", "staff": true}""",
            """{"country": "NZ"}""",
        ];
        JsonObject payload = GrowthBookPayloadMapping.ToPayload(configuration, Env);
        var request = new JsonArray([.. s_features.Select(f => (JsonNode)new JsonObject
        {
            ["payload"] = payload.DeepClone(),
            ["feature"] = f.Flag,
            ["users"] = new JsonArray([.. users.Select(u => JsonNode.Parse(u))]),
        })]);

        JsonArray answers = (await GrowthBookNode.RunAsync(new JsonObject { ["features"] = request }))["features"]!.AsArray();

        var evaluator = new Evaluator(configuration, Env);
        var differences = new List<string>();
        var cells = new HashSet<string>(StringComparer.Ordinal);
        for (int f = 0; f < s_features.Length; f++)
        {
            string flag = s_features[f].Flag;
            JsonArray results = answers[f]!.AsArray();
            for (int u = 0; u < users.Length; u++)
            {
                JsonNode expected = results[u]!;
                EvaluationResult actual = evaluator.Evaluate(flag, Attributes.Parse(users[u]));
                bool same = JsonNode.DeepEquals(JsonNode.Parse(actual.Value.ToJson()), expected["value"])
                    && (actual.RuleId ?? string.Empty) == expected["ruleId"]!.GetValue<string>()
                    && actual.InExperiment == expected["inExperiment"]!.GetValue<bool>()
                    && (!actual.InExperiment || (expected["experimentKey"]!.GetValue<string>() == "spring:" + flag && expected["variationKey"]!.GetValue<string>() == actual.VariationKey));
                if (!same)
                {
                    differences.Add($"{flag} {users[u]}: FailSmart {actual.Value.ToJson()} (rule '{actual.RuleId}', cell {actual.ExposureVariation}), GrowthBook {expected.ToJsonString()}");
                }

                if (actual.InExperiment)
                {
                    cells.Add(actual.ExposureVariation!);
                }
            }
        }

        differences.Count.ShouldBe(0, string.Join(Environment.NewLine, differences.Take(10)));
        // Every cell occurred, so both values of every feature were compared.
        cells.Count.ShouldBe(8);
    }

    [Fact]
    public void ToPayload_launch_rule_is_an_experiment_on_the_features_seed_filtered_by_the_launchs_coverage_and_layer()
    {
        JsonObject payload = GrowthBookPayloadMapping.ToPayload(Configuration(0.5, HashVersion.V2), Env);

        JsonNode rule = payload["features"]!["badges"]!["rules"]![1]!;

        rule.ToJsonString().ShouldBe("""{"id":"launch","key":"spring:badges","variations":[true,false],"weights":[0.5,0.5],"coverage":1,"hashAttribute":"id","seed":"spring:badges","hashVersion":2,"phase":"3","meta":[{"key":"on"},{"key":"off"}],"filters":[{"seed":"spring","attribute":"id","hashVersion":2,"ranges":[[0,0.0625],[0.125,0.1875],[0.25,0.3125],[0.375,0.4375],[0.5,0.5625],[0.625,0.6875],[0.75,0.8125],[0.875,0.9375]]},{"seed":"checkout-salt","attribute":"id","hashVersion":2,"ranges":[[0.1,0.8]]}]}""");
    }
}
