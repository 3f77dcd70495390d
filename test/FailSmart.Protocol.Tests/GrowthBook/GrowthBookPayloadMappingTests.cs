using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    public void FromPayload_refuses_a_version_1_percentage_rollout()
    {
        using var payload = JsonDocument.Parse("""{"features": {"f": {"defaultValue": 1, "rules": [{"force": 2, "coverage": 0.5}]}}}""");

        Should.Throw<NotSupportedException>(() => GrowthBookPayloadMapping.FromPayload(payload.RootElement, "production"))
            .Message.ShouldContain("hash version 1");
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
