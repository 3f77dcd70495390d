using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A factorial launch read in the browser: one feature helps and the other hurts, so the page says to ship them
/// separately, draws the bundle's effect split into the features' effects and their interaction with the API's numbers,
/// and reports the interaction test.
/// </summary>
public sealed class FactorialLaunchJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "spring-launch";
    private const string Conversion = "launch-conversion";

    [Fact]
    public async Task Launch_results_page_says_which_feature_helps_which_hurts_and_draws_the_decomposition()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedAsync(api);
        JsonElement results = await ResultsAsync(api, Key);
        JsonElement factorial = results.GetProperty("metrics")[0].GetProperty("factorial");

        await page.GotoAsync($"/experiments/{Key}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        // The factorial panel's styles come with the page's own: a panel that set the head would drop the page's.
        string[] styles = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href'))");
        new[] { "_content/FailSmart.Web/settings.css", "_content/FailSmart.Web/results.css", "_content/FailSmart.Web/factorial.css" }.ShouldBeSubsetOf(styles);

        (await page.GetByTestId("factorial-launch").InnerTextAsync()).ShouldContain("A factorial launch of search, badges");
        string plan = await page.GetByTestId("factorial-plan").InnerTextAsync();
        plan.ShouldContain(Units(results, "mainEffectUnits") + " units for a feature's own effect");
        plan.ShouldContain(Units(results, "interactionUnits") + " units for an interaction");

        ILocator section = page.GetByTestId("factorial-" + Conversion);
        (await section.GetAttributeAsync("data-recommendation")).ShouldBe("ship-separately");
        string advice = await section.GetByTestId("factorial-summary").InnerTextAsync();
        advice.ShouldStartWith("Ship the features separately.");
        advice.ShouldContain("Ship search and hold back badges.");
        (await section.GetByTestId("interaction-test").InnerTextAsync()).ShouldContain("no interaction detected");

        // The table and the chart carry the API's numbers: each main effect, the interaction, then the bundle.
        JsonElement[] terms = [.. factorial.GetProperty("mainEffects").EnumerateArray(), .. factorial.GetProperty("interactions").EnumerateArray()];
        foreach (JsonElement term in terms)
        {
            ILocator row = section.GetByTestId("term-" + term.GetProperty("name").GetString());
            double.Parse((await row.GetAttributeAsync("data-estimate"))!, CultureInfo.InvariantCulture).ShouldBe(term.GetProperty("effect").GetProperty("estimate").GetDouble());
        }

        (await section.GetByTestId("term-search").Locator("td").Nth(3).InnerTextAsync()).ShouldBe("Helps");
        (await section.GetByTestId("term-badges").Locator("td").Nth(3).InnerTextAsync()).ShouldBe("Hurts");
        double bundle = factorial.GetProperty("bundle").GetProperty("estimate").GetDouble();
        double.Parse((await section.GetByTestId("term-bundle").GetAttributeAsync("data-estimate"))!, CultureInfo.InvariantCulture).ShouldBe(bundle);

        string id = "factorial-chart-" + Conversion;
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length > 0; }", id);
        string[] labels = await page.EvaluateAsync<string[]>("id => document.getElementById(id).data[0].y", id);
        double[] drawn = await page.EvaluateAsync<double[]>("id => document.getElementById(id).data[0].x", id);
        labels.ShouldBe(["Whole bundle", "search × badges (together)", "badges", "search"]);
        drawn.ShouldBe([bundle, .. terms.Reverse().Select(t => t.GetProperty("effect").GetProperty("estimate").GetDouble())]);

        // Over time: each feature's main effect and the bundle, the last day at the results' numbers in percentage points, as the table shows them.
        string timeline = "factorial-timeline-plot-" + Conversion;
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length > 0; }", timeline);
        (await page.EvaluateAsync<string[]>("id => document.getElementById(id).data.map(t => t.name)", timeline)).ShouldBe(["search", "badges", "The bundle"]);
        double[] latest = await page.EvaluateAsync<double[]>("id => document.getElementById(id).data.map(t => t.y[t.y.length - 1])", timeline);
        latest.Zip([.. factorial.GetProperty("mainEffects").EnumerateArray().Select(t => t.GetProperty("effect").GetProperty("estimate").GetDouble()), bundle])
            .ShouldAllBe(p => Math.Abs(p.First - (p.Second * 100)) < 1e-10);

        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.fs-plot > div')].every(d => d.querySelector('.xtick') && d.querySelector('.point'))");
        await UiJourney.CheckPageAsync(page, "factorial-launch");
    }

    private static string Units(JsonElement results, string property) =>
        results.GetProperty("factorial").GetProperty("plan").GetProperty(property).GetInt64().ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>
    /// 600 units per cell; conversions 60 with neither feature, 96 with search alone, 30 with badges alone, 66 with both:
    /// search adds 6 points, badges takes 5 away, and together they do exactly what each does alone.
    /// </summary>
    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Conversion}}","type":"conversion","event":"purchase","plannedUnits":2400}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Key}}","hypothesis":"Better search and badges raise purchases.","status":"running",
             "factorial":{"features":[{"flag":"search"},{"flag":"badges"}]},
             "metrics":[{"key":"{{Conversion}}","role":"primary","minimumEffect":0.1}]}
            """);
        var converted = new Dictionary<string, int> { ["00"] = 60, ["10"] = 96, ["01"] = 30, ["11"] = 66 };
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        int unit = 0;
        foreach ((string cell, int conversions) in converted)
        {
            for (int i = 0; i < 600; i++, unit++)
            {
                DateTimeOffset at = start.AddMinutes(unit);
                exposures.Add(Exposure($"u-{unit}", Key, cell, at));
                if (i < conversions)
                {
                    events.Add(Event($"u-{unit}", "purchase", 1, at.AddMinutes(20)));
                }
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }
}
