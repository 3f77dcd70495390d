using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// A pilot in three of four country × platform cells against a target that holds all four: the effect is reweighted
/// over the cells (the target's joint mix), names the cell the cohort lacks, and reweights a ratio metric by the delta
/// method. Every number equals the Statistics library's for the planted sums.
/// </summary>
public sealed class RepresentativenessJointApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private const double Tolerance = 1e-9;

    // Per cell: units per arm, conversions per ten units in control and in treatment.
    private static readonly (string Country, string Platform, int PerArm, int Control, int Treatment)[] s_cells =
        [("NZ", "ios", 200, 1, 3), ("NZ", "web", 150, 1, 2), ("US", "ios", 100, 1, 1)];

    private readonly HttpClient _admin = factory.ClientWithKey();
    private readonly Dictionary<string, (MeanStatistics[] Conversion, RatioStatistics[] Clicks)> _planted = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        foreach ((string country, string platform, int perArm, int control, int treatment) in s_cells)
        {
            var conversion = new MeanStatistics[2];
            var clicks = new RatioStatistics[2];
            for (int i = 0; i < 2 * perArm; i++)
            {
                int variation = i % 2;
                string unit = $"cell-{country}-{platform}-{i}";
                int minute = i % 600;
                exposures.Add(new Exposure($"x-cell-pilot-{unit}", "production", unit, "cell-pilot", 1, variation, Start.AddMinutes(minute),
                    new Dictionary<string, string> { ["country"] = country, ["platform"] = platform }));
                double converted = (i / 2) % 10 < (variation == 1 ? treatment : control) ? 1 : 0;
                if (converted == 1)
                {
                    events.Add(Event(unit, "cell-purchase", null, minute + 30));
                }

                // Sessions 1 to 3; in NZ the treatment's units click once more per unit than the control's.
                int sessions = 1 + (i / 2 % 3);
                int clicked = (i / 2 % 2) + (variation == 1 && country == "NZ" ? 1 : 0);
                events.AddRange(Enumerable.Range(0, sessions).Select(s => Event(unit, "cell-session", 1, minute + 31 + s)));
                events.AddRange(Enumerable.Range(0, clicked).Select(c => Event(unit, "cell-click", 1, minute + 40 + c)));
                MeanStatistics m = conversion[variation];
                conversion[variation] = new MeanStatistics(m.N + 1, m.Sum + converted, m.SumOfSquares + converted);
                RatioStatistics r = clicks[variation];
                clicks[variation] = new RatioStatistics(r.N + 1, r.NumeratorSum + clicked, r.NumeratorSumOfSquares + (clicked * clicked),
                    r.DenominatorSum + sessions, r.DenominatorSumOfSquares + (sessions * sessions), r.CrossSum + (clicked * sessions));
            }

            _planted[$"{country} × {platform}"] = (conversion, clicks);
        }

        if ((await _admin.GetPathAsync("/api/v1/experiments/cell-pilot")).StatusCode != HttpStatusCode.NotFound)
        {
            return;
        }

        await CreateAsync(_admin, "metrics", """{"key":"cell-conversion","type":"conversion","event":"cell-purchase","window":"P7D"}""");
        await CreateAsync(_admin, "metrics", """{"key":"cell-clicks-per-session","type":"ratio","event":"cell-click","denominatorEvent":"cell-session","window":"P7D"}""");
        await CreateExperimentAsync(_admin, "cell-pilot", "control", "treatment");
        await AppendAsync(factory, exposures, events);
        using HttpResponseMessage put = await _admin.PutAsync(new Uri("/api/v1/populations/cell-markets", UriKind.Relative),
            new StringContent("country,platform,units\nNZ,ios,50\nNZ,web,50\nUS,ios,400\nUS,web,500\n", Encoding.UTF8, "text/csv"), ApiTestExtensions.Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly string[] s_levels = ["NZ × ios", "NZ × web", "US × ios", "US × web"];

    private static readonly Dictionary<string, double> s_target = new(StringComparer.Ordinal)
    {
        ["NZ × ios"] = 50,
        ["NZ × web"] = 50,
        ["US × ios"] = 400,
        ["US × web"] = 500,
    };

    [Fact]
    public async Task Several_attributes_reweight_over_the_cells_of_the_targets_joint_mix_and_name_the_cell_the_cohort_lacks()
    {
        JsonElement result = await GetAsync("population=cell-markets&metrics=cell-conversion");

        PostStratifiedEffect expected = PostStratification.Estimate([.. s_levels.Select(l => new StratumArms(
            l, Planted(l).Conversion[0], Planted(l).Conversion[1], s_target[l]))]);
        JsonElement[] effects = [.. result.GetProperty("effects").EnumerateArray()];
        effects.Select(e => (e.GetProperty("stratification").GetString(), e.GetProperty("attribute").GetString()))
            .ShouldBe([("joint", "country × platform"), ("attribute", "country"), ("attribute", "platform")]);
        JsonElement joint = effects[0];
        joint.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()).ShouldBe(["country", "platform"]);
        joint.GetProperty("strata").EnumerateArray().Select(s => s.GetProperty("level").GetString()).ShouldBe(s_levels);
        joint.GetProperty("uncoveredLevels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["US × web"]);
        joint.GetProperty("coveredTargetShare").GetDouble().ShouldBe(0.5, Tolerance);
        ShouldEqual(joint.GetProperty("plain"), expected.Plain);
        ShouldEqual(joint.GetProperty("reweighted"), expected.Reweighted);
        // NZ × ios +20 points and NZ × web +10 at 50 units each, US × ios 0 at 400: (0.2·50 + 0.1·50) / 500.
        joint.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(0.03, Tolerance);
        joint.GetProperty("explanation").GetString().ShouldBe(expected.Explanation);
        joint.GetProperty("explanation").GetString().ShouldNotBeNull().ShouldContain("US × web (50% of the target)");
        effects[1].GetProperty("attributes").EnumerateArray().Select(a => a.GetString()).ShouldBe(["country"]);
        result.GetProperty("notes").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_ratio_metric_is_reweighted_by_the_delta_method_over_the_cells()
    {
        JsonElement result = await GetAsync("population=cell-markets&metrics=cell-clicks-per-session");

        PostStratifiedEffect expected = PostStratification.EstimateRatio([.. s_levels.Select(l => new RatioStratumArms(
            l, Planted(l).Clicks[0], Planted(l).Clicks[1], s_target[l]))]);
        JsonElement joint = result.GetProperty("effects")[0];
        (joint.GetProperty("metric").GetString(), joint.GetProperty("stratification").GetString()).ShouldBe(("cell-clicks-per-session", "joint"));
        ShouldEqual(joint.GetProperty("plain"), expected.Plain);
        ShouldEqual(joint.GetProperty("reweighted"), expected.Reweighted);
        ShouldEqual(joint.GetProperty("cohortWeighted"), expected.CohortWeighted);
        joint.GetProperty("strata")[0].GetProperty("effect").GetProperty("estimate").GetDouble().ShouldBe(expected.Strata[0].Effect!.Estimate, Tolerance);
        joint.GetProperty("uncoveredLevels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["US × web"]);
        result.GetProperty("notes").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task All_exposures_as_the_target_is_counted_per_cell()
    {
        JsonElement result = await GetAsync($"population=all-exposures&attributes=country,platform&metrics=cell-conversion&from={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}");

        JsonElement joint = result.GetProperty("effects")[0];
        joint.GetProperty("stratification").GetString().ShouldBe("joint");
        // Every exposure with a platform is this pilot's, so the target's cells are the cohort's own three.
        joint.GetProperty("strata").EnumerateArray().Select(s => (s.GetProperty("level").GetString(), s.GetProperty("targetShare").GetDouble()))
            .ShouldBe([("NZ × ios", 400.0 / 900), ("NZ × web", 300.0 / 900), ("US × ios", 200.0 / 900)], Comparer.Instance);
        joint.GetProperty("coveredTargetShare").GetDouble().ShouldBe(1, Tolerance);
    }

    private (MeanStatistics[] Conversion, RatioStatistics[] Clicks) Planted(string level) =>
        _planted.TryGetValue(level, out var planted) ? planted : ([new(0, 0, 0), new(0, 0, 0)], [default, default]);

    private async Task<JsonElement> GetAsync(string query)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/cell-pilot/representativeness?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static void ShouldEqual(JsonElement actual, NormalEstimate expected)
    {
        actual.GetProperty("estimate").GetDouble().ShouldBe(expected.Estimate, Tolerance);
        actual.GetProperty("standardError").GetDouble().ShouldBe(expected.StandardError, Tolerance);
        actual.GetProperty("lower").GetDouble().ShouldBe(expected.ConfidenceInterval.Lower, Tolerance);
        actual.GetProperty("upper").GetDouble().ShouldBe(expected.ConfidenceInterval.Upper, Tolerance);
    }

    private sealed class Comparer : IEqualityComparer<(string?, double)>
    {
        public static readonly Comparer Instance = new();

        public bool Equals((string?, double) x, (string?, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= Tolerance;

        public int GetHashCode((string?, double) obj) => obj.Item1?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
