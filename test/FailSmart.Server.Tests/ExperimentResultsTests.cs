using System.Net;
using System.Text.Json;
using FailSmart.Server.Results;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

public sealed class ExperimentResultsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/button-copy")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
            await CreateAsync(_admin, "metrics", """{"key":"purchase-conversion","type":"conversion","event":"purchase","window":"P7D","plannedUnits":4000}""");
            await CreateAsync(_admin, "metrics", """
                {"key":"revenue","type":"sum","event":"purchase","role":"guardrail","nonInferiorityMargin":0.05,"capping":{"type":"percentile","value":0.99},"plannedUnits":4000}
                """);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> ResultsAsync(string experiment, string query = "")
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/{experiment}/results?refresh=true{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static JsonElement Variation(JsonElement results, string metric, string variation) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric)
            .GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == variation);

    private static string[] WarningCodes(JsonElement results) =>
        [.. results.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!)];

    [Fact]
    public async Task Results_treatment_that_truly_helps_is_a_significant_improvement_and_a_null_arm_is_not()
    {
        // button-copy: control 10% conversion, green 10% (no effect), bold 15%; exact 34/33/33 split.
        var random = new Random(20261126);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 6000; i++)
        {
            string unit = $"help-{i}";
            int variation = (i % 100) < 34 ? 0 : (i % 100) < 67 ? 1 : 2;
            exposures.Add(Exposure(unit, "button-copy", variation, i % 600, i % 2 == 0 ? "NZ" : "US"));
            if (random.NextDouble() < (variation == 2 ? 0.15 : 0.10))
            {
                events.Add(Event(unit, "purchase", 20 + (random.NextDouble() * 60), (i % 600) + 30));
            }
        }

        await AppendAsync(factory, exposures, events);

        JsonElement results = await ResultsAsync("button-copy", "&metrics=purchase-conversion,revenue&breakdown=country");

        results.GetProperty("phase").GetInt32().ShouldBe(1);
        results.GetProperty("environment").GetString().ShouldBe("production");
        results.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("units").GetInt64()).ShouldBe([2040L, 1980L, 1980L]);
        WarningCodes(results).ShouldBeEmpty();
        JsonElement bold = Variation(results, "purchase-conversion", "bold");
        bold.GetProperty("status").GetString().ShouldBe("significant-improvement");
        bold.GetProperty("relativeLift").GetDouble().ShouldBeInRange(0.2, 0.8);
        bold.GetProperty("liftLower").GetDouble().ShouldBeGreaterThan(0);
        Variation(results, "purchase-conversion", "green").GetProperty("status").GetString().ShouldBe("inconclusive");
        Variation(results, "purchase-conversion", "control").TryGetProperty("status", out JsonElement none).ShouldBeTrue();
        none.ValueKind.ShouldBe(JsonValueKind.Null);
        JsonElement revenue = Variation(results, "revenue", "bold");
        revenue.GetProperty("guardrail").GetString().ShouldBe("no-harm-detected");
        revenue.GetProperty("guardrailMessage").GetString()!.ShouldStartWith("No harm detected");

        // Absolute effect: conversion is a rate, so the effect is in percentage points, and lift × control rate.
        double controlRate = Variation(results, "purchase-conversion", "control").GetProperty("value").GetDouble();
        bold.GetProperty("absoluteEffect").GetDouble().ShouldBe(bold.GetProperty("relativeLift").GetDouble() * controlRate, 1e-9);
        bold.GetProperty("absoluteLower").GetDouble().ShouldBeGreaterThan(0);
        bold.GetProperty("absoluteUpper").GetDouble().ShouldBeGreaterThan(bold.GetProperty("absoluteEffect").GetDouble());
        bold.GetProperty("chanceToWin").GetDouble().ShouldBeGreaterThan(0.99);
        bold.GetProperty("risk").GetDouble().ShouldBeInRange(0, 0.001);
        bold.GetProperty("correction").GetString().ShouldBe("holm");
        bold.GetProperty("adjustedPValue").GetDouble().ShouldBeLessThan(0.05);
        revenue.GetProperty("correction").GetString().ShouldBe("none");
        results.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean().ShouldBeFalse();
        results.GetProperty("sampleRatio").GetProperty("pValue").GetDouble().ShouldBeGreaterThan(0.001);
        JsonElement verdict = results.GetProperty("verdict");
        verdict.GetProperty("decision").GetString().ShouldBe("ship");
        verdict.GetProperty("variation").GetString().ShouldBe("bold");
        verdict.GetProperty("reason").GetString()!.ShouldStartWith("Ship bold: purchase-conversion improved");

        JsonElement breakdown = results.GetProperty("metrics")[0].GetProperty("breakdown");
        breakdown.GetProperty("attribute").GetString().ShouldBe("country");
        breakdown.GetProperty("correction").GetString().ShouldBe("holm");
        JsonElement[] segments = [.. breakdown.GetProperty("segments").EnumerateArray()];
        segments.Select(s => s.GetProperty("value").GetString()).Distinct().Order().ShouldBe(["NZ", "US"]);
        segments.Length.ShouldBe(4);
        foreach (JsonElement segment in segments)
        {
            segment.GetProperty("adjustedPValue").GetDouble().ShouldBeGreaterThanOrEqualTo(segment.GetProperty("pValue").GetDouble());
        }
    }

    [Fact]
    public async Task Results_experiment_enrolled_from_one_arm_of_another_gets_a_red_warning_naming_it()
    {
        // The seed's failure: "bundle" was put into units already in the "on" arm of "ads-trial".
        await CreateExperimentAsync(_admin, "ads-trial", "off", "on");
        await CreateExperimentAsync(_admin, "bundle", "control", "treatment");
        var exposures = new List<Exposure>();
        for (int i = 0; i < 4000; i++)
        {
            int ads = i % 2;
            exposures.Add(Exposure($"dep-{i}", "ads-trial", ads, i % 500));
            if (ads == 1)
            {
                exposures.Add(Exposure($"dep-{i}", "bundle", (i / 2) % 2, (i % 500) + 1));
            }
        }

        await AppendAsync(factory, exposures, []);

        JsonElement results = await ResultsAsync("ads-trial");

        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "experiment-dependency");
        warning.GetProperty("severity").GetString().ShouldBe("red");
        warning.GetProperty("otherExperiment").GetString().ShouldBe("bundle");
        warning.GetProperty("message").GetString()!.ShouldContain("'bundle'");
        JsonElement audit = results.GetProperty("overlaps").EnumerateArray().Single(o => o.GetProperty("experiment").GetString() == "bundle");
        audit.GetProperty("sharedUnits").GetInt64().ShouldBe(2000);
        audit.GetProperty("dependent").GetBoolean().ShouldBeTrue();
        audit.GetProperty("pValue").GetDouble().ShouldBeLessThan(1e-10);
    }

    [Fact]
    public async Task Results_treatment_drawn_from_another_trials_arm_is_flagged_from_its_own_side()
    {
        // The treatment's units come from "promo-trial"'s "on" arm; the control's do not: promo's effect poses as this one's.
        await CreateExperimentAsync(_admin, "promo-trial", "off", "on");
        await CreateExperimentAsync(_admin, "launch", "control", "treatment");
        var exposures = new List<Exposure>();
        for (int i = 0; i < 2000; i++)
        {
            exposures.Add(Exposure($"seed-{i}", "promo-trial", i % 2, i % 500));
            exposures.Add(Exposure($"seed-{i}", "launch", i % 2, (i % 500) + 1));
        }

        await AppendAsync(factory, exposures, []);

        JsonElement results = await ResultsAsync("launch");

        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "experiment-dependency");
        warning.GetProperty("otherExperiment").GetString().ShouldBe("promo-trial");
        warning.GetProperty("severity").GetString().ShouldBe("red");
    }

    [Fact]
    public async Task Results_independently_randomised_overlapping_experiments_get_no_dependency_warning()
    {
        await CreateExperimentAsync(_admin, "indep-a", "off", "on");
        await CreateExperimentAsync(_admin, "indep-b", "control", "treatment");
        var random = new Random(7);
        var exposures = new List<Exposure>();
        for (int i = 0; i < 4000; i++)
        {
            exposures.Add(Exposure($"ind-{i}", "indep-a", random.Next(2), i % 500));
            if (random.NextDouble() < 0.5)
            {
                exposures.Add(Exposure($"ind-{i}", "indep-b", random.Next(2), (i % 500) + 1));
            }
        }

        await AppendAsync(factory, exposures, []);

        foreach (string experiment in new[] { "indep-a", "indep-b" })
        {
            JsonElement results = await ResultsAsync(experiment);
            WarningCodes(results).ShouldNotContain("experiment-dependency");
            JsonElement audit = results.GetProperty("overlaps").EnumerateArray().Single(o => o.GetProperty("experiment").GetString()!.StartsWith("indep-", StringComparison.Ordinal));
            audit.GetProperty("sharedUnits").GetInt64().ShouldBeGreaterThan(1800);
            audit.GetProperty("dependent").GetBoolean().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Results_unbalanced_split_gets_a_sample_ratio_mismatch_warning()
    {
        await CreateExperimentAsync(_admin, "srm-test", "control", "treatment");
        Exposure[] exposures = [.. Enumerable.Range(0, 2200).Select(i => Exposure($"srm-{i}", "srm-test", i < 1000 ? 0 : 1, i % 300))];
        await AppendAsync(factory, exposures, []);

        JsonElement results = await ResultsAsync("srm-test");

        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "srm");
        warning.GetProperty("severity").GetString().ShouldBe("red");
        warning.GetProperty("pValue").GetDouble().ShouldBeLessThan(0.001);
        JsonElement check = results.GetProperty("sampleRatio");
        check.GetProperty("mismatch").GetBoolean().ShouldBeTrue();
        check.GetProperty("pValue").GetDouble().ShouldBe(warning.GetProperty("pValue").GetDouble());
    }

    [Fact]
    public async Task Results_with_a_red_check_say_do_not_trust_for_every_metric_and_the_verdict_is_invalid()
    {
        // 1,000 against 1,200 on a planned 50/50 split, and the treatment truly converts better:
        // without the check its conversion would read as a significant improvement.
        await CreateExperimentAsync(_admin, "red-test", "control", "treatment");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 2200; i++)
        {
            int variation = i < 1000 ? 0 : 1;
            exposures.Add(Exposure($"red-{i}", "red-test", variation, i % 300));
            if (i % 10 < (variation == 0 ? 1 : 3))
            {
                events.Add(Event($"red-{i}", "purchase", 30, (i % 300) + 10));
            }
        }

        await AppendAsync(factory, exposures, events);

        JsonElement results = await ResultsAsync("red-test", "&metrics=purchase-conversion,revenue");

        WarningCodes(results).ShouldContain("srm");
        foreach (string metric in new[] { "purchase-conversion", "revenue" })
        {
            JsonElement treatment = Variation(results, metric, "treatment");
            treatment.GetProperty("status").GetString().ShouldBe("do-not-trust");
            treatment.GetProperty("message").GetString()!.ShouldStartWith("Do not trust: fix and restart.");
            treatment.GetProperty("relativeLift").GetDouble().ShouldBeGreaterThan(1); // the numbers stay visible
        }

        Variation(results, "revenue", "treatment").GetProperty("guardrail").GetString().ShouldBe("do-not-trust");
        JsonElement verdict = results.GetProperty("verdict");
        verdict.GetProperty("decision").GetString().ShouldBe("invalid");
        verdict.GetProperty("reason").GetString()!.ShouldStartWith("Invalid: sample ratio mismatch (p ");
    }

    [Fact]
    public async Task Results_cohort_enrolled_in_another_trial_before_this_one_began_is_flagged()
    {
        // The story's bug: "retention-push" was rolled out to units that "old-promo" had enrolled, all in
        // its "on" arm, weeks before; old-promo sent no exposure during retention-push's phase.
        await CreateExperimentAsync(_admin, "old-promo", "off", "on");
        await CreateExperimentAsync(_admin, "retention-push", "control", "treatment");
        var exposures = new List<Exposure>();
        for (int i = 0; i < 2000; i++)
        {
            exposures.Add(Exposure($"cohort-{i}", "old-promo", i % 2, -(30 * 1440) + (i % 500)));
            exposures.Add(Exposure($"cohort-{i}", "retention-push", i % 2, i % 500));
        }

        await AppendAsync(factory, exposures, []);

        JsonElement results = await ResultsAsync("retention-push", "&metrics=purchase-conversion");

        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "experiment-dependency");
        warning.GetProperty("otherExperiment").GetString().ShouldBe("old-promo");
        warning.GetProperty("severity").GetString().ShouldBe("red");
        JsonElement audit = results.GetProperty("overlaps").EnumerateArray().Single(o => o.GetProperty("experiment").GetString() == "old-promo");
        audit.GetProperty("sharedUnits").GetInt64().ShouldBe(2000);
        audit.GetProperty("pValue").GetDouble().ShouldBeLessThan(1e-10);
        results.GetProperty("verdict").GetProperty("decision").GetString().ShouldBe("invalid");
        Variation(results, "purchase-conversion", "treatment").GetProperty("status").GetString().ShouldBe("do-not-trust");
    }

    [Fact]
    public async Task Results_units_exposed_to_two_variations_are_counted_excluded_and_reported()
    {
        await CreateExperimentAsync(_admin, "multi-test", "control", "treatment");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 1000; i++)
        {
            exposures.Add(Exposure($"multi-{i}", "multi-test", i % 2, i % 300));
            events.Add(Event($"multi-{i}", "purchase", 10, (i % 300) + 5));
        }

        for (int i = 0; i < 30; i++)
        {
            exposures.Add(Exposure($"multi-{i}", "multi-test", (i + 1) % 2, 400)); // the same unit in the other arm
        }

        await AppendAsync(factory, exposures, events);

        JsonElement results = await ResultsAsync("multi-test", "&metrics=purchase-conversion");

        results.GetProperty("multipleVariationUnits").GetInt64().ShouldBe(30);
        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "multiple-exposures");
        warning.GetProperty("message").GetString()!.ShouldStartWith("30 units");
        warning.GetProperty("severity").GetString().ShouldBe("red"); // 3% of units
        results.GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64()).ShouldBe(970);
        Variation(results, "purchase-conversion", "control").GetProperty("units").GetInt64().ShouldBe(485);
        Variation(results, "purchase-conversion", "treatment").GetProperty("units").GetInt64().ShouldBe(485);
    }

    [Fact]
    public async Task Results_are_served_from_the_cache_while_nothing_new_is_stored()
    {
        await CreateExperimentAsync(_admin, "cache-test", "control", "treatment");
        await AppendAsync(factory, [.. Enumerable.Range(0, 100).Select(i => Exposure($"cache-{i}", "cache-test", i % 2, i))], []);

        JsonElement first = await CachedAsync("cache-test");
        JsonElement second = await CachedAsync("cache-test");

        Units(first).ShouldBe(100);
        second.GetProperty("stale").GetBoolean().ShouldBeFalse();
        second.GetProperty("computedAt").GetDateTimeOffset().ShouldBe(first.GetProperty("computedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Results_after_new_events_are_served_stale_with_their_age_then_fresh_without_refresh()
    {
        // The cache used to serve the old numbers until someone sent refresh=true or the refresher ran.
        await CreateExperimentAsync(_admin, "stale-test", "control", "treatment");
        await AppendAsync(factory, [.. Enumerable.Range(0, 100).Select(i => Exposure($"stale-{i}", "stale-test", i % 2, i))], []);
        JsonElement before = await CachedAsync("stale-test");

        await AppendAsync(factory, [.. Enumerable.Range(100, 50).Select(i => Exposure($"stale-{i}", "stale-test", i % 2, i))], []);
        JsonElement stale = await CachedAsync("stale-test");

        stale.GetProperty("stale").GetBoolean().ShouldBeTrue();
        Units(stale).ShouldBe(100);
        stale.GetProperty("computedAt").GetDateTimeOffset().ShouldBe(before.GetProperty("computedAt").GetDateTimeOffset());

        // The background refresh replaces it; wait for it without assuming how long it takes.
        JsonElement fresh = stale;
        for (int i = 0; i < 600 && fresh.GetProperty("stale").GetBoolean(); i++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
            fresh = await CachedAsync("stale-test");
        }

        fresh.GetProperty("stale").GetBoolean().ShouldBeFalse();
        Units(fresh).ShouldBe(150);
    }

    [Fact]
    public async Task Results_are_refreshed_by_request_or_by_the_refresher()
    {
        await CreateExperimentAsync(_admin, "cache-refresh", "control", "treatment");
        await AppendAsync(factory, [.. Enumerable.Range(0, 100).Select(i => Exposure($"refresh-{i}", "cache-refresh", i % 2, i))], []);
        Units(await CachedAsync("cache-refresh")).ShouldBe(100);

        await AppendAsync(factory, [.. Enumerable.Range(100, 50).Select(i => Exposure($"refresh-{i}", "cache-refresh", i % 2, i))], []);
        Units(await ResultsAsync("cache-refresh", "&metrics=purchase-conversion")).ShouldBe(150);

        await AppendAsync(factory, [.. Enumerable.Range(150, 50).Select(i => Exposure($"refresh-{i}", "cache-refresh", i % 2, i))], []);
        ResultsRefresher refresher = factory.Services.GetServices<IHostedService>().OfType<ResultsRefresher>().Single();
        (await refresher.RefreshAllAsync(ApiTestExtensions.Ct)).ShouldBeGreaterThanOrEqualTo(2); // running experiments and the cached request

        JsonElement cached = await CachedAsync("cache-refresh");
        Units(cached).ShouldBe(200);
    }

    private static long Units(JsonElement results) => results.GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64());

    private async Task<JsonElement> CachedAsync(string experiment)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/{experiment}/results?metrics=purchase-conversion");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Results_guardrail_that_clearly_got_worse_is_harm_and_significant_harm()
    {
        await CreateExperimentAsync(_admin, "harm-test", "control", "treatment");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 2000; i++)
        {
            int variation = i % 2;
            exposures.Add(Exposure($"harm-{i}", "harm-test", variation, i % 300));
            if ((i / 2) % 10 < (variation == 0 ? 5 : 2))
            {
                events.Add(Event($"harm-{i}", "purchase", 40 + (i % 20), (i % 300) + 10));
            }
        }

        await AppendAsync(factory, exposures, events);

        JsonElement treatment = Variation(await ResultsAsync("harm-test", "&metrics=revenue"), "revenue", "treatment");

        treatment.GetProperty("guardrail").GetString().ShouldBe("harm");
        treatment.GetProperty("guardrailMessage").GetString()!.ShouldStartWith("Harm");
        treatment.GetProperty("status").GetString().ShouldBe("significant-harm");
        treatment.GetProperty("liftUpper").GetDouble().ShouldBeLessThan(0);
    }

    [Fact]
    public async Task Results_quantile_metric_is_compared_with_the_control()
    {
        // p90 page latency: the treatment's is about 50% higher. A quantile metric's direction is
        // "decrease", so that is significant harm, with a relative lift near +0.5.
        await CreateAsync(_admin, "metrics", """{"key":"latency-p90","type":"quantile","event":"page-load","quantile":0.9}""");
        await CreateExperimentAsync(_admin, "latency-test", "control", "slower");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 1200; i++)
        {
            int variation = i % 2;
            exposures.Add(Exposure($"lat-{i}", "latency-test", variation, i % 300));
            double latency = (100 + ((i * 37) % 400)) * (variation == 0 ? 1.0 : 1.5);
            events.Add(Event($"lat-{i}", "page-load", latency, (i % 300) + 5));
        }

        await AppendAsync(factory, exposures, events);

        JsonElement results = await ResultsAsync("latency-test", "&metrics=latency-p90");
        JsonElement slower = Variation(results, "latency-p90", "slower");

        slower.GetProperty("relativeLift").GetDouble().ShouldBeInRange(0.4, 0.6);
        slower.GetProperty("liftLower").GetDouble().ShouldBeGreaterThan(0);
        slower.GetProperty("status").GetString().ShouldBe("significant-harm");
    }
}
