using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.GrowthBook;
using FailSmart.Protocol.Importing;

namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// Percentage rollouts as GrowthBook writes them, on its default hash version 1, against the GrowthBook
/// JavaScript SDK 1.8.0 itself: the payload is imported, written as a FailSmart document and read back,
/// and for thousands of units every feature must serve what the SDK serves over the original payload,
/// across coverages (bucket edges included), seeds, hash attributes and fallback attributes.
/// </summary>
public sealed class VersionOneRolloutDifferentialTests
{
    private const string Env = "production";

    // A coverage exactly at a unit's version 1 hash: GrowthBook's n <= coverage takes that unit.
    private static double EdgeAt(string seed, string id) => BucketHash.BucketV1(seed, id) / 1_000.0;

    private static JsonObject Rule(string id, double coverage, string? seed = null, string? hashAttribute = null, string? fallback = null, JsonNode? hashVersion = null, bool versionGiven = false, JsonObject? condition = null)
    {
        var rule = new JsonObject { ["id"] = id };
        if (condition is not null)
        {
            rule["condition"] = condition;
        }

        rule["force"] = true;
        rule["coverage"] = coverage;
        if (seed is not null)
        {
            rule["seed"] = seed;
        }

        if (hashAttribute is not null)
        {
            rule["hashAttribute"] = hashAttribute;
        }

        if (fallback is not null)
        {
            rule["fallbackAttribute"] = fallback;
        }

        if (versionGiven)
        {
            rule["hashVersion"] = hashVersion;
        }

        return rule;
    }

    private static JsonObject Feature(params JsonObject[] rules) => new() { ["defaultValue"] = false, ["rules"] = new JsonArray([.. rules]) };

    // Each feature is a GrowthBook rollout (or two) the way GrowthBook's own UI and API write them.
    private static JsonObject Payload() => new()
    {
        ["features"] = new JsonObject
        {
            // The default: no hashVersion, no seed (the feature key), the id.
            ["plain-30"] = Feature(Rule("r", 0.3)),
            ["tenth"] = Feature(Rule("r", 0.1)),
            ["half-seeded"] = Feature(Rule("r", 0.5, seed: "launch-2026", versionGiven: true, hashVersion: 1)),
            ["ninety-nine"] = Feature(Rule("r", 0.99)),
            ["one-per-mille"] = Feature(Rule("r", 0.001)),
            ["everyone"] = Feature(Rule("r", 1)),
            ["nobody"] = Feature(Rule("r", 0)),
            ["above-one"] = Feature(Rule("r", 1.5)),
            // Coverages exactly at units' hashes, and a thousandth that 0.7 / 100 misses in binary.
            ["edge-u17"] = Feature(Rule("r", EdgeAt("edge-u17", "u-17"))),
            ["edge-seeded"] = Feature(Rule("r", EdgeAt("s-9", "u-1234"), seed: "s-9")),
            ["seven-per-mille"] = Feature(Rule("r", 0.007)),
            ["js-seven-per-mille"] = Feature(Rule("r", 0.7 / 100)),
            ["edge-123"] = Feature(Rule("r", 0.123)),
            // GrowthBook reads hashVersion || 1 and seed || the feature key.
            ["version-zero"] = Feature(Rule("r", 0.4, versionGiven: true, hashVersion: 0)),
            ["version-null"] = Feature(Rule("r", 0.4, versionGiven: true, hashVersion: null)),
            ["version-false"] = Feature(Rule("r", 0.4, versionGiven: true, hashVersion: false)),
            ["empty-seed"] = Feature(Rule("r", 0.4, seed: "")),
            // Other attributes, and the fallback (honoured by GrowthBook with sticky bucketing, as the harness runs it).
            ["by-user-id"] = Feature(Rule("r", 0.25, hashAttribute: "userId")),
            ["fallback-device"] = Feature(Rule("r", 0.35, hashAttribute: "userId", fallback: "deviceId", seed: "fb")),
            ["fallback-edge"] = Feature(Rule("r", EdgeAt("fallback-edge", "d-42"), fallback: "deviceId")),
            // Two rollouts, version 1 then version 2, behind a condition: each places units by its own hash.
            ["mixed"] = Feature(
                Rule("nz", 0.2, condition: new JsonObject { ["country"] = "NZ" }),
                Rule("v1", 0.3, seed: "mixed-v1"),
                Rule("v2", 0.3, seed: "mixed-v2", versionGiven: true, hashVersion: 2)),
        },
        ["savedGroups"] = new JsonObject(),
    };

    private static string[] Users()
    {
        string[] countries = ["NZ", "AU", "US"];
        var random = new Random(20261207);
        var users = new List<string>();
        for (int i = 0; i < 4_000; i++)
        {
            var user = new JsonObject();
            // Most have an id; numbers too (hashed as JavaScript's String() writes them).
            if (i % 10 != 9)
            {
                user["id"] = i % 7 == 3 ? JsonValue.Create(i) : JsonValue.Create("u-" + i.ToString(CultureInfo.InvariantCulture));
            }

            if (i % 3 != 0)
            {
                user["userId"] = "user-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
            }

            if (i % 2 == 0)
            {
                user["deviceId"] = "d-" + (i % 1_000).ToString(CultureInfo.InvariantCulture);
            }

            user["country"] = countries[i % countries.Length];
            users.Add(user.ToJsonString());
        }

        // The units the edge coverages sit on, and falsy ids, which GrowthBook treats as missing.
        users.AddRange(["""{"id": "u-17"}""", """{"id": "u-1234"}""", """{"deviceId": "d-42"}""", """{"id": "", "deviceId": "d-42"}""", """{"id": 0, "userId": ""}""", """{"id": false}""", "{}"]);
        var generator = new DifferentialGenerator(20261208);
        users.AddRange(Enumerable.Range(0, 300).Select(_ => generator.User()));
        return [.. users];
    }

    [Fact]
    public async Task Imported_version_1_rollouts_serve_every_unit_what_the_growthbook_sdk_serves()
    {
        JsonObject payload = Payload();
        using JsonDocument source = JsonDocument.Parse(payload.ToJsonString());
        ImportResult imported = GrowthBookImporter.Import(source.RootElement, Env);
        imported.IsExact.ShouldBeTrue(string.Join("; ", imported.Features.SelectMany(f => f.Notes)));
        string document = ConfigDocument.Serialize(imported.Configuration);
        ConfigLoadResult loaded = ConfigDocument.Parse(document);
        loaded.Problems.ShouldBeEmpty();
        var evaluator = new Evaluator(loaded.Configuration!, Env);
        string[] features = [.. payload["features"]!.AsObject().Select(f => f.Key)];
        string[] users = Users();
        var request = new JsonArray([.. features.Select(f => (JsonNode)new JsonObject
        {
            ["payload"] = payload.DeepClone(),
            ["feature"] = f,
            ["users"] = new JsonArray([.. users.Select(u => JsonNode.Parse(u))]),
        })]);

        JsonArray answers = (await GrowthBookNode.RunAsync(new JsonObject { ["features"] = request }))["features"]!.AsArray();

        var differences = new List<string>();
        var served = features.ToDictionary(f => f, _ => 0);
        int compared = 0;
        for (int f = 0; f < features.Length; f++)
        {
            for (int u = 0; u < users.Length; u++)
            {
                JsonNode expected = answers[f]![u]!;
                EvaluationResult actual = evaluator.Evaluate(features[f], Attributes.Parse(users[u]));
                compared++;
                served[features[f]] += actual.Value.AsBoolean() ? 1 : 0;
                if (!JsonNode.DeepEquals(JsonNode.Parse(actual.Value.ToJson()), expected["value"]) || (actual.RuleId ?? string.Empty) != expected["ruleId"]!.GetValue<string>())
                {
                    differences.Add($"{features[f]} for {users[u]}: FailSmart {actual.Value.ToJson()} (rule '{actual.RuleId}'), GrowthBook {expected.ToJsonString()}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{compared} answers compared with GrowthBook 1.8.0 over {features.Length} version 1 rollouts, {differences.Count} differ.");
        differences.Take(10).ShouldBeEmpty();
        compared.ShouldBe(features.Length * users.Length);
        // The comparison covered units on both sides of every rollout that has two sides.
        served["nobody"].ShouldBe(0);
        features.Where(f => f != "nobody" && served[f] == 0).ShouldBeEmpty();
        features.Where(f => served[f] == users.Length).ShouldBeEmpty(); // some units have no id at all
        // The units sitting exactly on an edge coverage are in.
        evaluator.Evaluate("edge-u17", Attributes.Parse("""{"id": "u-17"}""")).Value.AsBoolean().ShouldBeTrue();
        evaluator.Evaluate("fallback-edge", Attributes.Parse("""{"deviceId": "d-42"}""")).Value.AsBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Import_writes_each_rollout_on_version_1_with_growthbooks_seed_and_attributes()
    {
        using JsonDocument source = JsonDocument.Parse(Payload().ToJsonString());
        Core.Model.Configuration configuration = ConfigDocument.Parse(ConfigDocument.Serialize(GrowthBookImporter.Import(source.RootElement, Env).Configuration)).Configuration!;

        RolloutAction Rollout(string feature, int rule = 0) => (RolloutAction)configuration.Flags.Single(f => f.Key == feature).Environments[Env].Rules[rule].Action;

        Rollout("plain-30").ShouldBe(new RolloutAction("v1", new RolloutStage(0.3)) { HashVersion = HashVersion.V1, Seed = "plain-30" });
        Rollout("empty-seed").Seed.ShouldBe("empty-seed");
        Rollout("fallback-device").ShouldBe(new RolloutAction("v1", new RolloutStage(0.35)) { HashVersion = HashVersion.V1, Seed = "fb", HashAttribute = "userId", FallbackAttribute = "deviceId" });
        // 0.7 / 100 (0.006999999999999999) has no percentage that reads back as itself: it is written as one just
        // below it, still between the edges 0.006 and 0.007, so bucket 7 stays out as in GrowthBook.
        Rollout("js-seven-per-mille").Stage.Fraction.ShouldBeInRange(0.006 + 1e-12, 0.7 / 100);
        Rollout("seven-per-mille").Stage.Fraction.ShouldBe(0.007);
        Rollout("mixed", 2).HashVersion.ShouldBe(HashVersion.V2);
        Rollout("above-one").Stage.Fraction.ShouldBe(1);
    }

    [Fact]
    public void Import_then_payload_gives_back_growthbooks_rule_with_its_defaults_written_out()
    {
        using JsonDocument source = JsonDocument.Parse(Payload().ToJsonString());
        Core.Model.Configuration configuration = ConfigDocument.Parse(ConfigDocument.Serialize(GrowthBookImporter.Import(source.RootElement, Env).Configuration)).Configuration!;

        JsonObject payload = GrowthBookPayloadMapping.ToPayload(configuration, Env);

        payload["features"]!["fallback-device"]!["rules"]![0]!.ToJsonString()
            .ShouldBe("""{"id":"r","force":true,"coverage":0.35,"hashAttribute":"userId","fallbackAttribute":"deviceId","seed":"fb","hashVersion":1}""");
        payload["features"]!["plain-30"]!["rules"]![0]!.ToJsonString()
            .ShouldBe("""{"id":"r","force":true,"coverage":0.3,"hashAttribute":"id","seed":"plain-30","hashVersion":1}""");
    }
}
