using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Protocol.Tests.GrowthBook;

/// <summary>
/// Seeded generators of configurations, users, conditions and regular expressions for the
/// differential test. They lean on boundaries: coverages at 0, 1 and exact bucket edges, weights
/// with zeros, falsy and non-string ids, paths into arrays, every condition operator.
/// </summary>
internal sealed class DifferentialGenerator(int seed)
{
    public const string Environment = "production";
    public const string SavedGroup = "beta";

    private static readonly string[] s_paths =
    [
        "country", "age", "tags", "tags.0", "tags.1", "tags.length", "orders", "orders.0.total", "orders.1.total",
        "orders.length", "profile.plan", "profile.seats", "version", "name", "id", "missing", "missing.deep", "name.length",
    ];

    private static readonly string[] s_regexAtoms =
    [
        "a", "b", "A", "1", "é", "١", " ", "-", "/", ".", @"\d", @"\D", @"\w", @"\W", @"\s", @"\S", @"\.", @"\/", @"\-",
        @"\x41", @"\u00e9", @"\t", @"\n", @"\p", @"\a", "[a-c]", "[^a]", @"[\d_]", @"[^\s]", "[é-ü]", "[]", "[^]", @"[\w-]",
        "[A-Z]", @"\b", @"\B", "^", "$", "{", "}", "]", "a{,2}", @"\cJ", @"[\b]", "ſ", "K", "\u212A",
    ];

    private static readonly string[] s_regexQuantifiers = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?"];

    private static readonly string[] s_textAlphabet =
    [
        "a", "b", "c", "A", "B", "1", "2", "١", "é", "É", " ", "\n", "\r", "\t", "\u2028", "\uFEFF", "\u0085", "\u00A0",
        "_", "-", "/", ".", "x", "ſ", "s", "S", "k", "K", "\u212A", "{", "}", ",", "p", "\b",
    ];

    private readonly Random _random = new(seed);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private bool Chance(double p) => _random.NextDouble() < p;

    // ---------- users ----------

    private static readonly string[] s_ids = ["u-1", "u-2", "u-42", "José", "😀", "0f8fad5b-d9cb-469f-a165-70867728950e", "user-7", "x"];
    private static readonly string[] s_idOthers = ["\"\"", "0", "1", "42", "1.5", "-3", "true", "false", "null", "[1, 2]", "[]", "[\"a\"]", "{\"a\": 1}"];

    private string IdJson()
    {
        if (Chance(0.6))
        {
            return Chance(0.7) ? Quote(Pick(s_ids)) : Quote("u-" + _random.Next(100_000).ToString(CultureInfo.InvariantCulture));
        }

        return Pick(s_idOthers);
    }

    public string User()
    {
        var parts = new List<string>();
        void Maybe(string name, double p, Func<string> value)
        {
            if (Chance(p))
            {
                parts.Add(Quote(name) + ": " + value());
            }
        }

        Maybe("id", 0.9, IdJson);
        Maybe("userId", 0.5, IdJson);
        Maybe("device", 0.5, () => Chance(0.8) ? Quote("d-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture)) : Pick(s_idOthers));
        Maybe("country", 0.8, () => Pick(["\"NZ\"", "\"US\"", "\"AU\"", "\"nz\"", "\"\"", "null", "7"]));
        Maybe("age", 0.8, () => Pick(["0", "17", "18", "30.5", "65", "\"30\"", "\"abc\"", "null", "true", "-1"]));
        Maybe("tags", 0.7, () => Pick(["[\"a\", \"b\"]", "[]", "[\"A\", \"c\", \"b\"]", "[0, \"\", false, null]", "\"a\"", "[1, 2, 3]", "[[1, 2]]"]));
        Maybe("orders", 0.6, () => Pick(["[{\"total\": 12, \"sku\": \"x\"}, {\"total\": 0}]", "[]", "[null, {\"total\": 5}]", "[{\"total\": \"7\"}]", "{\"0\": {\"total\": 3}}"]));
        Maybe("profile", 0.6, () => Pick(["{\"plan\": \"pro\", \"seats\": 3}", "{\"plan\": \"free\"}", "null", "\"pro\"", "{}"]));
        Maybe("version", 0.6, () => Pick(["\"1.2.3\"", "\"v2.0.0\"", "\"1.0.0-rc.1\"", "\"10.1\"", "\"\"", "3", "\"1.2.3+build.7\""]));
        Maybe("name", 0.8, () => Quote(Text()));
        return "{" + string.Join(", ", parts) + "}";
    }

    public string Text()
    {
        var builder = new StringBuilder();
        int length = _random.Next(0, 7);
        for (int i = 0; i < length; i++)
        {
            builder.Append(Pick(s_textAlphabet));
        }

        return builder.ToString();
    }

    // ---------- regular expressions ----------

    public string Pattern()
    {
        var builder = new StringBuilder();
        int terms = _random.Next(1, 5);
        for (int i = 0; i < terms; i++)
        {
            if (Chance(0.1))
            {
                builder.Append('|');
            }

            if (Chance(0.15))
            {
                builder.Append(Chance(0.5) ? "(" : "(?:").Append(Pick(s_regexAtoms)).Append(Pick(s_regexAtoms)).Append(')');
            }
            else
            {
                builder.Append(Pick(s_regexAtoms));
            }

            builder.Append(Pick(s_regexQuantifiers));
        }

        return builder.ToString();
    }

    // ---------- conditions ----------

    private string Scalar() => Pick(["\"NZ\"", "\"a\"", "\"b\"", "\"A\"", "\"\"", "\"30\"", "\"pro\"", "0", "1", "12", "18", "30.5", "-1", "true", "false", "null"]);

    private string ScalarList() => "[" + string.Join(", ", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Scalar())) + "]";

    private string Version() => Pick(["\"1.2.3\"", "\"2.0.0\"", "\"1.0.0\"", "\"v1.2.3\"", "\"10.0\"", "\"1.0.0-beta\""]);

    private string ValueCondition(int depth)
    {
        if (Chance(0.25))
        {
            return Pick([Scalar(), "[\"a\", \"b\"]", "{\"plan\": \"pro\", \"seats\": 3}", "[]"]);
        }

        int count = Chance(0.8) ? 1 : 2;
        return "{" + string.Join(", ", Enumerable.Range(0, count).Select(_ => Operator(depth))) + "}";
    }

    private string Operator(int depth)
    {
        string op = Pick([
            "$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$nin", "$ini", "$nini", "$exists", "$type", "$size",
            "$elemMatch", "$all", "$alli", "$regex", "$regexi", "$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte",
            "$not", "$inGroup", "$notInGroup",
        ]);
        string argument = op switch
        {
            "$eq" or "$ne" or "$lt" or "$lte" or "$gt" or "$gte" => Scalar(),
            "$in" or "$nin" or "$ini" or "$nini" or "$all" or "$alli" => ScalarList(),
            "$exists" => Pick(["true", "false"]),
            "$type" => Quote(Pick(["string", "number", "boolean", "array", "object", "null"])),
            "$size" => Pick(["0", "2", "{\"$gt\": 1}", "{\"$lte\": 0}"]),
            "$elemMatch" => Pick(["{\"$lt\": 1}", "{\"$eq\": \"a\"}", "{\"$eq\": false}", "{\"total\": {\"$gt\": 5}}", "{\"$exists\": true}", "{\"0\": 1}", "{\"$in\": [\"b\", 0]}"]),
            "$regex" or "$regexi" => Quote(Pattern()),
            "$not" => depth < 2 ? ValueCondition(depth + 1) : Scalar(),
            "$inGroup" or "$notInGroup" => Quote(SavedGroup),
            _ => Version(),
        };
        return Quote(op) + ": " + argument;
    }

    public string Condition(int depth = 0)
    {
        int count = _random.Next(1, 3);
        var entries = new List<string>();
        for (int i = 0; i < count; i++)
        {
            double roll = _random.NextDouble();
            if (depth < 2 && roll < 0.15)
            {
                string op = Pick(["$or", "$and", "$nor"]);
                entries.Add(Quote(op) + ": [" + string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Condition(depth + 1))) + "]");
            }
            else if (depth < 2 && roll < 0.2)
            {
                entries.Add("\"$not\": " + Condition(depth + 1));
            }
            else
            {
                entries.Add(Quote(Pick(s_paths)) + ": " + ValueCondition(depth));
            }
        }

        // Duplicate keys: JSON.parse keeps the last, as FailSmart does; keep them distinct anyway.
        return "{" + string.Join(", ", entries.DistinctBy(e => e[..e.IndexOf(':', StringComparison.Ordinal)])) + "}";
    }

    public static IdListSegment Group() => new(SavedGroup, "id", [.. new[] { "u-1", "u-42", "José" }.Select(DataValue.FromString), DataValue.FromNumber(1)]);

    // ---------- configurations ----------

    // A coverage exactly at the hash of a unit that users often have, so the comparison at the
    // boundary (<= for rollouts, < for experiment ranges) is exercised, not left to chance.
    private double BoundaryCoverage(string seed, HashVersion version)
    {
        string id = Pick(s_ids);
        return version == HashVersion.V1 ? BucketHash.BucketV1(seed, id) / 1_000.0 : BucketHash.BucketV2(seed, id) / 10_000.0;
    }

    private double Coverage() => _random.Next(9) switch
    {
        0 => 0,
        1 => 1,
        2 => 0.5,
        3 => 0.0001,
        4 => 0.9999,
        5 => 0.25,
        6 => _random.Next(10_001) / 10_000.0,
        7 => _random.Next(1_001) / 1_000.0,
        _ => _random.NextDouble(),
    };

    private double[] Weights(int count)
    {
        switch (_random.Next(4))
        {
            case 0:
                return [.. VariationRanges.EqualWeights(count)];
            case 1:
                // A zero weight: that variation's range is empty.
                double[] zero = new double[count];
                zero[_random.Next(count)] = 1;
                return zero;
            default:
                int[] parts = [.. Enumerable.Range(0, count).Select(_ => _random.Next(0, 100))];
                int total = Math.Max(1, parts.Sum());
                double[] weights = [.. parts.Select(p => Math.Round(p / (double)total, 4))];
                weights[^1] = Math.Round(1 - weights[..^1].Sum(), 4);
                return weights.All(w => w >= 0) && VariationRanges.SumsToOne(weights) ? weights : [.. VariationRanges.EqualWeights(count)];
        }
    }

    public Core.Model.Configuration Configuration(string flagKey)
    {
        int variations = _random.Next(2, 4);
        string[] keys = [.. Enumerable.Range(0, variations).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture))];
        var experiments = new List<Experiment>();
        var layers = new List<Layer>();
        var rules = new List<Rule>();
        int ruleCount = _random.Next(1, 4);
        for (int i = 0; i < ruleCount; i++)
        {
            string id = "r" + i.ToString(CultureInfo.InvariantCulture);
            Condition condition = Chance(0.5) ? Core.Targeting.Condition.Always : Core.Targeting.Condition.Parse(Condition());
            string attribute = Pick(["id", "id", "userId"]);
            string? fallback = Chance(0.3) ? "device" : null;
            string? seedText = Chance(0.3) ? "seed-" + _random.Next(10).ToString(CultureInfo.InvariantCulture) : null;
            double roll = _random.NextDouble();
            if (roll < 0.35)
            {
                rules.Add(new Rule(id, condition, new ForceAction(Pick(keys))));
            }
            else if (roll < 0.7)
            {
                HashVersion version = Chance(0.4) ? HashVersion.V1 : HashVersion.V2;
                double coverage = Chance(0.4) ? BoundaryCoverage(seedText ?? flagKey, version) : Coverage();
                rules.Add(new Rule(id, condition, new RolloutAction(Pick(keys), new RolloutStage(coverage)) { HashAttribute = attribute, FallbackAttribute = fallback, Seed = seedText, HashVersion = version }));
            }
            else
            {
                string key = flagKey + "-exp" + i.ToString(CultureInfo.InvariantCulture);
                int arms = _random.Next(2, variations + 1);
                string[] armKeys = [.. keys.OrderBy(_ => _random.Next()).Take(arms)];
                double[] weights = Weights(arms);
                LayerAllocation? layer = null;
                if (fallback is null && Chance(0.2))
                {
                    string layerKey = key + "-layer";
                    layers.Add(new Layer(layerKey, "salt-" + layerKey) { HashAttribute = attribute });
                    int start = _random.Next(0, 10_000);
                    layer = new LayerAllocation(layerKey, new BucketSpan(start, _random.Next(start, 10_001)));
                }

                HashVersion version = Chance(0.5) ? HashVersion.V1 : HashVersion.V2;
                experiments.Add(new Experiment(key, [.. armKeys.Select((k, j) => new ExperimentVariation(k, weights[j]))])
                {
                    // With equal or single weights the first range ends at coverage × weight: at a unit's hash sometimes.
                    Coverage = Chance(0.3) ? BoundaryCoverage(seedText ?? key, version) : Coverage(),
                    HashAttribute = attribute,
                    FallbackAttribute = fallback,
                    Seed = seedText,
                    HashVersion = version,
                    Layer = layer,
                    Status = Chance(0.9) ? ExperimentStatus.Running : ExperimentStatus.Stopped,
                });
                rules.Add(new Rule(id, condition, new ExperimentAction(key)));
            }
        }

        var flag = new Flag(
            flagKey,
            FlagValueType.String,
            [.. keys.Select(k => new FlagVariation(k, "value-" + k))],
            new Dictionary<string, FlagEnvironment> { [Environment] = new(Chance(0.92), rules, Pick(keys), Pick(keys)) });
        return new Core.Model.Configuration { Flags = [flag], Experiments = experiments, Layers = layers, Segments = [Group()] };
    }

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
