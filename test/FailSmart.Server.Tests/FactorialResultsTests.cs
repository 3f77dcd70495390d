using System.Net;
using System.Text.Json;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// A factorial launch's results: planted main effects and an interaction come back as the Statistics library computes
/// them from the same per-cell sums, with the recommendation to ship the features separately, and a red check makes
/// the recommendation do-not-trust.
/// </summary>
public sealed class FactorialResultsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private static readonly string[] s_features = ["search", "badges"];

    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/metrics/fx-conversion")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(_admin, "metrics", """{"key":"fx-conversion","type":"conversion","event":"fx-purchase","window":"P7D","plannedUnits":8000}""");
            await CreateAsync(_admin, "metrics", """{"key":"fx-revenue","type":"sum","event":"fx-purchase"}""");
            await CreateAsync(_admin, "metrics", """{"key":"fx-order-value","type":"mean","event":"fx-purchase"}""");
            await CreateAsync(_admin, "metrics", """{"key":"fx-latency","type":"quantile","event":"fx-purchase","quantile":0.9}""");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task CreateLaunchAsync(string key) => CreateAsync(_admin, "experiments", $$"""
        {"key":"{{key}}","status":"running","factorial":{"features":[{"flag":"search"},{"flag":"badges"}]},
         "metrics":[{"key":"fx-conversion","role":"primary","minimumEffect":0.1},{"key":"fx-revenue","role":"secondary"},{"key":"fx-order-value","role":"secondary"}]}
        """);

    private async Task<JsonElement> ResultsAsync(string experiment, string query = "")
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/{experiment}/results?refresh=true{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static JsonElement Factorial(JsonElement results, string metric) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric).GetProperty("factorial");

    /// <summary>
    /// Plants a launch: conversion 10% on average, search +6 points, badges −5 points, no interaction on conversion;
    /// an order in the cell with both on is worth 40 more, which makes revenue interact. Units are split evenly over
    /// the cells (variation index i is cell key FactorialCells.All(2)[i]: 00, 01, 10, 11, so "01" is badges on).
    /// </summary>
    private async Task<Planted> PlantAsync(string experiment, int units, Func<int, int> cellOf)
    {
        var random = new Random(20261207);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        var planted = new Planted();
        for (int i = 0; i < units; i++)
        {
            string unit = $"{experiment}-{i}";
            int variation = cellOf(i);
            bool badges = (variation & 1) != 0, search = (variation & 2) != 0;
            double rate = 0.10 + (search ? 0.03 : -0.03) + (badges ? -0.025 : 0.025);
            exposures.Add(Exposure(unit, experiment, variation, i % 600));
            double value = 0;
            int orders = 0;
            if (random.NextDouble() < rate)
            {
                value = 50 + (search && badges ? 40 : 0) + ((random.NextDouble() - 0.5) * 20);
                orders = 1;
                events.Add(Event(unit, "fx-purchase", value, (i % 600) + 30));
            }

            planted.Add(MaskOf(search, badges), orders, value);
        }

        await AppendAsync(factory, exposures, events);
        return planted;
    }

    // The Statistics library indexes cells by bitmask: bit j is feature j (search is feature 0, badges feature 1).
    private static int MaskOf(bool search, bool badges) => (search ? 1 : 0) | (badges ? 2 : 0);

    [Fact]
    public async Task Factorial_launch_reports_each_features_main_effect_the_interaction_and_the_bundle_as_the_library_computes_them()
    {
        await CreateLaunchAsync("fx-spring");
        Planted planted = await PlantAsync("fx-spring", 8000, i => i % 4);

        JsonElement results = await ResultsAsync("fx-spring");

        results.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        results.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("key").GetString()).ShouldBe(["00", "01", "10", "11"]);
        results.GetProperty("factorial").GetProperty("features").EnumerateArray().Select(f => f.GetString()).ShouldBe(s_features);

        // Conversion: the library on the planted per-cell counts gives the same numbers.
        FactorialResult expected = FactorialAnalysis.Analyze(planted.Conversions(), s_features);
        JsonElement conversion = Factorial(results, "fx-conversion");
        AssertSameNumbers(conversion, expected);
        conversion.GetProperty("recommendation").GetString().ShouldBe("ship-separately");
        conversion.GetProperty("helping").EnumerateArray().Select(f => f.GetString()).ShouldBe(["search"]);
        conversion.GetProperty("hurting").EnumerateArray().Select(f => f.GetString()).ShouldBe(["badges"]);
        conversion.GetProperty("carrier").GetString().ShouldBe("search");
        conversion.GetProperty("summary").GetString()!.ShouldStartWith("search helps and badges hurts");
        conversion.GetProperty("summary").GetString()!.ShouldContain("Ship search and hold back badges");

        // The verdict says the same: not the bundle, but the cell with search on and badges off.
        JsonElement verdict = results.GetProperty("verdict");
        verdict.GetProperty("decision").GetString().ShouldBe("do-not-ship");
        verdict.GetProperty("variation").GetString().ShouldBe("10");
        verdict.GetProperty("reason").GetString()!.ShouldStartWith("Do not ship the bundle. search helps and badges hurts");
        JsonElement[] mains = [.. conversion.GetProperty("mainEffects").EnumerateArray()];
        mains.Select(m => m.GetProperty("reading").GetString()).ShouldBe(["helps", "hurts"]);
        mains[0].GetProperty("effect").GetProperty("estimate").GetDouble().ShouldBeInRange(0.045, 0.075);
        mains[1].GetProperty("effect").GetProperty("estimate").GetDouble().ShouldBeInRange(-0.065, -0.035);

        // All on against all off is the sum of the main effects: a two-way interaction cancels between those two cells.
        double contributions = mains.Sum(m => m.GetProperty("contribution").GetDouble())
            + conversion.GetProperty("interactions").EnumerateArray().Sum(t => t.GetProperty("contribution").GetDouble());
        conversion.GetProperty("bundle").GetProperty("estimate").GetDouble().ShouldBe(contributions, 1e-12);
        conversion.GetProperty("interactions")[0].GetProperty("contribution").GetDouble().ShouldBe(0);
        JsonElement[] cells = [.. conversion.GetProperty("cells").EnumerateArray()];
        cells.Select(c => c.GetProperty("key").GetString()).ShouldBe(["00", "01", "10", "11"]);
        cells.Select(c => c.GetProperty("units").GetInt64()).ShouldBe([2000L, 2000L, 2000L, 2000L]);
        conversion.GetProperty("baseline").GetDouble().ShouldBe(planted.Conversions()[0].Successes / 2000.0, 1e-12);

        // Revenue: only the cell with both on has dearer orders, so the features interact.
        FactorialResult revenueExpected = FactorialAnalysis.Analyze(planted.Revenue(), s_features);
        JsonElement revenue = Factorial(results, "fx-revenue");
        AssertSameNumbers(revenue, revenueExpected);
        revenue.GetProperty("interacts").GetBoolean().ShouldBeTrue();
        revenue.GetProperty("interactionTest").GetProperty("pValue").GetDouble().ShouldBeLessThan(0.001);
        revenue.GetProperty("interactions")[0].GetProperty("reading").GetString().ShouldBe("helps");
        revenue.GetProperty("summary").GetString()!.ShouldContain("The features interact");

        // A mean per order is a ratio: through the delta method, on each unit's orders and their value.
        FactorialResult orderValue = FactorialAnalysis.Analyze(planted.OrderValue(), s_features);
        AssertSameNumbers(Factorial(results, "fx-order-value"), orderValue);
    }

    [Fact]
    public async Task Factorial_launch_plan_needs_four_times_the_units_for_an_interaction_of_the_primary_metrics_minimum_effect()
    {
        await CreateLaunchAsync("fx-plan");
        Planted planted = await PlantAsync("fx-plan", 4000, i => i % 4);

        JsonElement plan = (await ResultsAsync("fx-plan")).GetProperty("factorial").GetProperty("plan");

        plan.GetProperty("metric").GetString().ShouldBe("fx-conversion");
        plan.GetProperty("minimumEffect").GetDouble().ShouldBe(0.1);
        plan.GetProperty("minimumEffectAssumed").GetBoolean().ShouldBeFalse();
        ProportionStatistics[] cells = planted.Conversions();
        double baseline = cells[0].Successes / cells[0].N;
        plan.GetProperty("absoluteEffect").GetDouble().ShouldBe(0.1 * baseline, 1e-12);
        double pooled = cells.Sum(c => (c.N - 1) * new MeanStatistics(c.N, c.Successes, c.Successes).Variance) / cells.Sum(c => c.N - 1);
        plan.GetProperty("standardDeviation").GetDouble().ShouldBe(Math.Sqrt(pooled), 1e-12);
        FactorialPlan main = FactorialPlanning.Plan(2, 1, 0.1 * baseline, Math.Sqrt(pooled));
        FactorialPlan interaction = FactorialPlanning.Plan(2, 2, 0.1 * baseline, Math.Sqrt(pooled));
        plan.GetProperty("mainEffectUnits").GetInt64().ShouldBe(main.Units);
        plan.GetProperty("interactionUnits").GetInt64().ShouldBe(interaction.Units);
        ((double)interaction.Units / main.Units).ShouldBeInRange(3.99, 4.01);
        plan.GetProperty("units").GetInt64().ShouldBe(4000);
        plan.GetProperty("power").GetProperty("mainEffect").GetDouble().ShouldBe(FactorialPlanning.Power(1, 0.1 * baseline, Math.Sqrt(pooled), 4000), 1e-12);
    }

    [Fact]
    public async Task Factorial_launch_with_a_red_check_recommends_nothing_it_may_be_trusted_for()
    {
        await CreateLaunchAsync("fx-broken");

        // Half the units of cell 11 were lost: the cells no longer split evenly (sample ratio mismatch).
        var kept = Enumerable.Range(0, 8000).Where(i => i % 4 != 3 || i % 8 == 3).ToArray();
        await PlantAsync("fx-broken", kept.Length, i => kept[i] % 4);

        JsonElement results = await ResultsAsync("fx-broken");

        results.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean().ShouldBeTrue();
        JsonElement conversion = Factorial(results, "fx-conversion");
        conversion.GetProperty("recommendation").GetString().ShouldBe("do-not-trust");
        conversion.GetProperty("summary").GetString()!.ShouldStartWith("Do not trust: fix and restart.");
        conversion.GetProperty("mainEffects").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Factorial_section_says_why_a_metric_cannot_be_read_and_an_ordinary_experiment_has_none()
    {
        await CreateLaunchAsync("fx-early");
        await CreateExperimentAsync(_admin, "fx-ordinary", "control", "treatment");
        await AppendAsync(factory, [Exposure("early-1", "fx-early", 0, 1), Exposure("early-2", "fx-early", 1, 1), Exposure("o-1", "fx-ordinary", 0, 1), Exposure("o-2", "fx-ordinary", 1, 1)], []);

        JsonElement early = await ResultsAsync("fx-early", "&metrics=fx-conversion,fx-latency");
        JsonElement ordinary = await ResultsAsync("fx-ordinary", "&metrics=fx-conversion");

        JsonElement conversion = Factorial(early, "fx-conversion");
        conversion.GetProperty("recommendation").ValueKind.ShouldBe(JsonValueKind.Null);
        conversion.GetProperty("message").GetString()!.ShouldStartWith("Too early");
        Factorial(early, "fx-latency").GetProperty("message").GetString()!.ShouldStartWith("Not for quantile metrics");
        early.GetProperty("factorial").GetProperty("plan").ValueKind.ShouldBe(JsonValueKind.Null);
        ordinary.GetProperty("factorial").ValueKind.ShouldBe(JsonValueKind.Null);
        Factorial(ordinary, "fx-conversion").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static void AssertSameNumbers(JsonElement section, FactorialResult expected)
    {
        JsonElement[] mains = [.. section.GetProperty("mainEffects").EnumerateArray()];
        JsonElement[] interactions = [.. section.GetProperty("interactions").EnumerateArray()];
        mains.Select(m => m.GetProperty("name").GetString()).ShouldBe(expected.MainEffects.Select(t => t.Name));
        interactions.Select(m => m.GetProperty("name").GetString()).ShouldBe(expected.Interactions.Select(t => t.Name));
        foreach ((JsonElement actual, FactorialTerm term) in mains.Zip(expected.MainEffects).Concat(interactions.Zip(expected.Interactions)))
        {
            AssertSameEstimate(actual.GetProperty("effect"), term.Effect);
        }

        AssertSameEstimate(section.GetProperty("bundle"), expected.Bundle);
        JsonElement test = section.GetProperty("interactionTest");
        test.GetProperty("chiSquare").GetDouble().ShouldBe(expected.InteractionTest.ChiSquare, Math.Abs(expected.InteractionTest.ChiSquare) * 1e-9);
        test.GetProperty("degreesOfFreedom").GetInt32().ShouldBe(expected.InteractionTest.DegreesOfFreedom);
        test.GetProperty("pValue").GetDouble().ShouldBe(expected.InteractionTest.PValue, 1e-9);
    }

    private static void AssertSameEstimate(JsonElement actual, NormalEstimate expected)
    {
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(expected.Estimate));
        actual.GetProperty("estimate").GetDouble().ShouldBe(expected.Estimate, tolerance);
        actual.GetProperty("standardError").GetDouble().ShouldBe(expected.StandardError, 1e-9 * expected.StandardError);
        actual.GetProperty("lower").GetDouble().ShouldBe(expected.ConfidenceInterval.Lower, tolerance);
        actual.GetProperty("upper").GetDouble().ShouldBe(expected.ConfidenceInterval.Upper, tolerance);
        actual.GetProperty("pValue").GetDouble().ShouldBe(expected.PValue, 1e-9);
    }

    /// <summary>The planted data's per-cell sums, indexed by the library's bitmask.</summary>
    private sealed class Planted
    {
        private readonly long[] _units = new long[4];
        private readonly double[] _orders = new double[4];
        private readonly double[] _revenue = new double[4];
        private readonly double[] _revenueSquares = new double[4];
        private readonly double[] _ordersSquares = new double[4];
        private readonly double[] _cross = new double[4];

        public void Add(int cell, int orders, double value)
        {
            _units[cell]++;
            _orders[cell] += orders;
            _ordersSquares[cell] += orders * orders;
            _revenue[cell] += value;
            _revenueSquares[cell] += value * value;
            _cross[cell] += orders * value;
        }

        public ProportionStatistics[] Conversions() => [.. Enumerable.Range(0, 4).Select(c => new ProportionStatistics(_units[c], _orders[c]))];

        public MeanStatistics[] Revenue() => [.. Enumerable.Range(0, 4).Select(c => new MeanStatistics(_units[c], _revenue[c], _revenueSquares[c]))];

        public RatioStatistics[] OrderValue() =>
            [.. Enumerable.Range(0, 4).Select(c => new RatioStatistics(_units[c], _revenue[c], _revenueSquares[c], _orders[c], _ordersSquares[c], _cross[c]))];
    }
}
