using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.GrowthBook;

namespace FailSmart.Protocol.Tests.GrowthBook;

public sealed class GrowthBookPayloadMappingTests
{
    [Fact]
    public void ToPayload_rollout_names_hash_version_2_and_the_flag_key_as_seed()
    {
        var flag = new Flag("ramp", FlagValueType.Boolean, [new("off", false), new("on", true)], new Dictionary<string, FlagEnvironment>
        {
            ["production"] = new(true, [new Rule("r", Condition.Parse("""{"country": "NZ"}"""), new RolloutAction("on", new RolloutStage(0.25)) { FallbackAttribute = "device" })], "off", "off"),
        });

        JsonObject payload = GrowthBookPayloadMapping.ToPayload(new Core.Model.Configuration { Flags = [flag] }, "production");

        payload.ToJsonString().ShouldBe("""{"features":{"ramp":{"defaultValue":false,"rules":[{"id":"r","condition":{"country":"NZ"},"force":true,"coverage":0.25,"hashAttribute":"id","fallbackAttribute":"device","seed":"ramp","hashVersion":2}]}},"savedGroups":{}}""");
    }

    [Fact]
    public void ToPayload_refuses_prerequisites_with_the_reason()
    {
        var flag = new Flag("f", FlagValueType.Boolean, [new("off", false), new("on", true)], new Dictionary<string, FlagEnvironment> { ["production"] = new(true, [], "off", "off") })
        {
            Prerequisites = [new Prerequisite("g", ["on"])],
        };

        Should.Throw<NotSupportedException>(() => GrowthBookPayloadMapping.ToPayload(new Core.Model.Configuration { Flags = [flag] }, "production"))
            .Message.ShouldContain("prerequisites");
    }

    [Fact]
    public void ToPayload_version_1_rollout_names_hash_version_1()
    {
        var flag = new Flag("ramp", FlagValueType.Boolean, [new("off", false), new("on", true)], new Dictionary<string, FlagEnvironment>
        {
            ["production"] = new(true, [new Rule("r", Condition.Always, new RolloutAction("on", new RolloutStage(0.3)) { HashVersion = HashVersion.V1, Seed = "s" })], "off", "off"),
        });

        JsonObject payload = GrowthBookPayloadMapping.ToPayload(new Core.Model.Configuration { Flags = [flag] }, "production");

        payload["features"]!["ramp"]!["rules"]![0]!.ToJsonString().ShouldBe("""{"id":"r","force":true,"coverage":0.3,"hashAttribute":"id","seed":"s","hashVersion":1}""");
    }

    [Theory]
    [InlineData("")]
    [InlineData(", \"hashVersion\": 1")]
    [InlineData(", \"hashVersion\": 0")]
    [InlineData(", \"hashVersion\": null")]
    [InlineData(", \"hashVersion\": false")]
    public void FromPayload_percentage_rollout_without_version_2_is_a_version_1_rollout_seeded_by_the_feature_key(string version)
    {
        using var payload = JsonDocument.Parse("""{"features": {"f": {"defaultValue": 1, "rules": [{"id": "r", "force": 2, "coverage": 0.5, "seed": ""%s}]}}}""".Replace("%s", version, StringComparison.Ordinal));

        Core.Model.Configuration configuration = GrowthBookPayloadMapping.FromPayload(payload.RootElement, "production");

        var rollout = (RolloutAction)configuration.Flags[0].Environments["production"].Rules[0].Action;
        rollout.ShouldBe(new RolloutAction("v1", new RolloutStage(0.5)) { HashVersion = HashVersion.V1, Seed = "f", HashAttribute = "id" });
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"2\"")]
    [InlineData("1.5")]
    public void FromPayload_refuses_a_rollout_on_a_hash_version_growthbook_does_not_compute(string version)
    {
        using var payload = JsonDocument.Parse("""{"features": {"f": {"defaultValue": 1, "rules": [{"force": 2, "coverage": 0.5, "hashVersion": %s}]}}}""".Replace("%s", version, StringComparison.Ordinal));

        Should.Throw<NotSupportedException>(() => GrowthBookPayloadMapping.FromPayload(payload.RootElement, "production"))
            .Message.ShouldBe($"Feature 'f' rule 0 is a percentage rollout on hash version {version}, which GrowthBook's SDK does not compute (it skips the rule for every unit); FailSmart's rollouts hash with version 1 or 2. Set \"hashVersion\" to 1 or 2 in GrowthBook, or remove the rule.");
    }

    [Theory]
    [InlineData(1.5, 1.0)]
    [InlineData(-0.2, 0.0)]
    public void FromPayload_coverage_outside_0_to_1_is_the_nearest_end_which_takes_the_same_units(double coverage, double expected)
    {
        using var payload = JsonDocument.Parse("""{"features": {"f": {"defaultValue": 1, "rules": [{"force": 2, "coverage": %s}]}}}""".Replace("%s", coverage.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var rollout = (RolloutAction)GrowthBookPayloadMapping.FromPayload(payload.RootElement, "production").Flags[0].Environments["production"].Rules[0].Action;

        rollout.Stage.Fraction.ShouldBe(expected);
    }

    [Fact]
    public void FromPayload_of_ToPayload_serves_every_generated_unit_the_same()
    {
        var generator = new DifferentialGenerator(7);
        int compared = 0;
        for (int i = 0; i < 200; i++)
        {
            string key = "flag-" + i.ToString(CultureInfo.InvariantCulture);
            Core.Model.Configuration configuration = generator.Configuration(key) with { Layers = [] };
            configuration = configuration with { Experiments = [.. configuration.Experiments.Select(e => e with { Layer = null })] };
            using var payload = JsonDocument.Parse(GrowthBookPayloadMapping.ToPayload(configuration, "production").ToJsonString());
            var original = new Evaluator(configuration, "production");
            var imported = new Evaluator(GrowthBookPayloadMapping.FromPayload(payload.RootElement, "production"), "production");
            for (int u = 0; u < 20; u++)
            {
                Attributes user = Attributes.Parse(generator.User());
                EvaluationResult a = original.Evaluate(key, user), b = imported.Evaluate(key, user);
                (a.Value, a.RuleId, a.InExperiment).ShouldBe((b.Value, b.RuleId, b.InExperiment), $"{key} for {user}: {payload.RootElement}");
                compared++;
            }
        }

        compared.ShouldBe(4_000);
    }
}
