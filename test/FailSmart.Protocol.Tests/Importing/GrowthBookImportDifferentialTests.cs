using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Importing;
using FailSmart.Protocol.Tests.GrowthBook;

namespace FailSmart.Protocol.Tests.Importing;

/// <summary>
/// A realistic GrowthBook SDK payload imported into FailSmart, then a generated population evaluated by
/// the GrowthBook JavaScript SDK 1.8.0 over the original payload and by FailSmart over the written
/// document: every value, rule and experiment assignment must agree.
/// </summary>
public sealed class GrowthBookImportDifferentialTests
{
    private const string Environment = "production";

    [Fact]
    public async Task Import_serves_every_user_what_the_growthbook_sdk_serves()
    {
        string text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "growthbook-features.json"), TestContext.Current.CancellationToken);
        using JsonDocument payload = JsonDocument.Parse(text);
        ImportResult result = GrowthBookImporter.Import(payload.RootElement, Environment);
        result.IsExact.ShouldBeTrue(string.Join("; ", result.Features.SelectMany(f => f.Notes)));
        ConfigLoadResult loaded = ConfigDocument.Parse(ConfigDocument.Serialize(result.Configuration));
        loaded.Problems.ShouldBeEmpty();
        var evaluator = new Evaluator(loaded.Configuration!, Environment);
        string[] users = [.. Population(new Random(20261207), 3_000)];
        string[] features = [.. payload.RootElement.GetProperty("features").EnumerateObject().Select(f => f.Name)];
        var request = new JsonArray([.. features.Select(f => (JsonNode)new JsonObject
        {
            ["payload"] = JsonNode.Parse(text),
            ["feature"] = f,
            ["users"] = new JsonArray([.. users.Select(u => JsonNode.Parse(u))]),
        })]);

        JsonArray answers = (await GrowthBookNode.RunAsync(new JsonObject { ["features"] = request }))["features"]!.AsArray();

        var differences = new List<string>();
        int compared = 0;
        for (int f = 0; f < features.Length; f++)
        {
            for (int u = 0; u < users.Length; u++)
            {
                JsonNode expected = answers[f]![u]!;
                EvaluationResult actual = evaluator.Evaluate(features[f], Attributes.Parse(users[u]));
                compared++;
                bool inExperiment = expected["inExperiment"]!.GetValue<bool>();
                bool same = JsonNode.DeepEquals(JsonNode.Parse(actual.Value.ToJson()), expected["value"])
                    && (actual.RuleId ?? string.Empty) == expected["ruleId"]!.GetValue<string>()
                    && actual.InExperiment == inExperiment
                    && (actual.InExperiment ? actual.ExperimentKey : null) == (inExperiment ? expected["experimentKey"]?.GetValue<string>() : null);
                if (!same)
                {
                    differences.Add($"{features[f]} for {users[u]}: FailSmart {actual.Value.ToJson()} (rule '{actual.RuleId}', in experiment {actual.InExperiment}), GrowthBook {expected.ToJsonString()}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{compared} answers compared with GrowthBook 1.8.0, {differences.Count} differ.");
        differences.Take(10).ShouldBeEmpty();
        compared.ShouldBe(3_000 * features.Length);
        // The population reaches every way a feature decides: forced, rolled out (on hash versions 1 and 2), each experiment's arms, and the default.
        string[] rules = [.. users.SelectMany(u => features.Select(f => evaluator.Evaluate(f, Attributes.Parse(u)).RuleId ?? "default")).Distinct().Order(StringComparer.Ordinal)];
        rules.ShouldBe(["default", "fr_beta", "fr_country", "fr_exp", "fr_exp2", "fr_old", "fr_onboard", "fr_onboard_staff", "fr_ramp", "fr_rollout", "fr_staff", "fr_v1", "fr_version"]);
    }

    private static IEnumerable<string> Population(Random random, int count)
    {
        string[] countries = ["NZ", "AU", "US", "SE", "DE"];
        string[] plans = ["free", "pro", "enterprise"];
        string[] versions = ["2.2.9", "2.3.0", "2.10.1", "1.9.0"];
        for (int i = 0; i < count; i++)
        {
            var user = new JsonObject();
            if (random.NextDouble() < 0.95)
            {
                user["id"] = "u-" + i.ToString(CultureInfo.InvariantCulture);
            }

            if (random.NextDouble() < 0.7)
            {
                user["deviceId"] = "d-" + random.Next(100_000).ToString(CultureInfo.InvariantCulture);
            }

            user["country"] = countries[random.Next(countries.Length)];
            user["plan"] = plans[random.Next(plans.Length)];
            user["appVersion"] = versions[random.Next(versions.Length)];
            user["email"] = "user" + i.ToString(CultureInfo.InvariantCulture) + (random.NextDouble() < 0.05 ? "@example.com" : "@mail.test");
            yield return user.ToJsonString();
        }
    }
}
