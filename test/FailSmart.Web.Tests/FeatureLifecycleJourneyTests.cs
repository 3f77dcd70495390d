using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A feature followed through its lifecycle in the browser: created with a field error first, advanced Think → Build,
/// refused Ship by the gate until its hypothesis names a metric, advanced to Tweak with an experiment's results as
/// evidence, and that evidence read back unchanged after the experiment was re-analysed and archived.
/// </summary>
public sealed class FeatureLifecycleJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "delivery-dates";
    private const string Experiment = "delivery-dates-test";
    private const string Metric = "delivery-conversion";

    [Fact]
    public async Task A_feature_goes_from_think_to_tweak_through_its_gates_and_keeps_its_evidence_frozen()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();

        // Nothing yet: the list teaches the lifecycle and offers a new feature.
        await page.GotoAsync("/features");
        await page.Locator("[data-testid=features-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        (await page.GetByTestId("features-empty").InnerTextAsync()).ShouldContain("Start with the problem, not the solution.");
        await UiJourney.CheckPageAsync(page, "features-empty");
        await SeedAsync(api);

        // A field left empty is named next to its field, in the API's words, and nothing is created.
        await page.GetByTestId("new-feature").ClickAsync();
        await page.Locator("[data-testid=feature-form-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        await page.GetByLabel("Key").FillAsync(Key);
        await page.GetByLabel("Name").FillAsync("Delivery dates at checkout");
        await page.GetByLabel("Owner").FillAsync("team-checkout");
        await page.GetByLabel("What you believe will happen").FillAsync("Showing delivery dates raises conversion");
        await page.GetByTestId("feature-save").ClickAsync();
        await page.Locator("#feature-problem-error").WaitForAsync();
        (await page.Locator("#feature-problem-error").InnerTextAsync()).ShouldStartWith("problem is required.");
        (await api.GetAsync($"/api/v1/features/{Key}", UiJourney.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await UiJourney.CheckPageAsync(page, "feature-new-error");

        await page.GetByLabel("Problem").FillAsync("Shoppers abandon checkout when they cannot see when an order arrives.");
        await page.GetByTestId("feature-save").ClickAsync();
        await page.WaitForURLAsync($"**/features/{Key}");
        await page.Locator("[data-testid=feature-page][data-interactive=true][data-loaded=true]").WaitForAsync();

        // Think → Build needs no gate.
        await DecideAsync(page, "advance", "Support logs show the problem is real.");
        await Assertions.Expect(page.GetByTestId("current-phase")).ToHaveTextAsync("Current phase: Build It");

        // Build → Ship: refused by the gate, in the API's words, next to the button; nothing changes.
        await page.GetByTestId("decision-advance").CheckAsync();
        await page.GetByTestId("decision-reason").FillAsync("The smallest version is built.");
        await page.GetByTestId("decide").ClickAsync();
        ILocator refusal = page.GetByTestId("gate-refusal").Locator("p");
        await refusal.WaitForAsync();
        (await refusal.InnerTextAsync()).ShouldBe(
            $"Gate hypothesis-metric: Entering Ship needs a hypothesis with a metric, and '{Key}' has none. Edit the feature to name the metric that will show the hypothesis, or ask an administrator to override with a reason.");
        (await FeatureAsync(api)).GetProperty("phase").GetString().ShouldBe("build");
        await UiJourney.CheckPageAsync(page, "feature-gate-refused");

        // Name the metric and link the experiment, then Ship.
        await page.GetByTestId("edit-feature").ClickAsync();
        await page.Locator("[data-testid=feature-form-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        await page.GetByLabel("Metric that will show it").SelectOptionAsync(Metric);
        await page.GetByLabel("Smallest change worth having (%)").FillAsync("2");
        await page.GetByLabel("Experiments").FillAsync(Experiment);
        await page.GetByTestId("feature-save").ClickAsync();
        await page.WaitForURLAsync($"**/features/{Key}");
        await page.Locator("[data-testid=feature-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("expectation")).ToHaveTextAsync($"Shown when '{Metric}' rises by at least 2%.");
        await DecideAsync(page, "advance", "The smallest version is built.");
        await Assertions.Expect(page.GetByTestId("current-phase")).ToHaveTextAsync("Current phase: Ship It");

        // Ship → Tweak with the experiment's results as evidence.
        await page.GetByTestId($"evidence-choice-experiment-{Experiment}").CheckAsync();
        await DecideAsync(page, "advance", "Conversion rose with dates shown; tune the copy next.");
        await Assertions.Expect(page.GetByTestId("current-phase")).ToHaveTextAsync("Current phase: Tweak It");
        JsonElement decisions = await JsonAsync(api, $"/api/v1/features/{Key}/decisions");
        decisions.GetArrayLength().ShouldBe(3);
        JsonElement frozen = decisions[2].GetProperty("evidence").GetProperty("experiments")[0];
        string verdict = frozen.GetProperty("verdict").GetString()!;
        string sentence = frozen.GetProperty("verdictReason").GetString()!;
        long units = frozen.GetProperty("results").GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64());
        units.ShouldBe(2000);

        ILocator latest = page.Locator($"[data-testid=decision-{decisions[2].GetProperty("id").GetInt64()}]");
        await latest.GetByTestId("show-evidence").ClickAsync();
        await Assertions.Expect(latest.GetByTestId("evidence-verdict")).ToContainTextAsync($"{verdict}: {sentence}");
        await UiJourney.CheckPageAsync(page, "feature-detail");

        // New data re-analysed, then the experiment archived: the decision's evidence reads as it did.
        await ImportUnitsAsync(api, 2000, 2000, 0.10, 0.10);
        (await ResultsAsync(api, Experiment)).GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64()).ShouldBe(4000);
        using (HttpResponseMessage archived = await api.DeleteAsync($"/api/v1/experiments/{Experiment}", UiJourney.Ct))
        {
            archived.StatusCode.ShouldBe(HttpStatusCode.OK, await archived.Content.ReadAsStringAsync(UiJourney.Ct));
        }

        JsonElement after = (await JsonAsync(api, $"/api/v1/features/{Key}/decisions"))[2].GetProperty("evidence").GetProperty("experiments")[0];
        after.GetRawText().ShouldBe(frozen.GetRawText());
        await page.ReloadAsync();
        await page.Locator("[data-testid=feature-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        await latest.GetByTestId("show-evidence").ClickAsync();
        await Assertions.Expect(latest.GetByTestId("evidence-verdict")).ToContainTextAsync($"{verdict}: {sentence}");

        // The timeline has the decisions in order, with the experiment's own history between them.
        string[] titles = [.. await page.GetByTestId("timeline-event").Locator(".fs-timeline-title").AllInnerTextsAsync()];
        titles.Where(t => t.StartsWith("Advanced", StringComparison.Ordinal)).ShouldBe(["Advanced Think → Build", "Advanced Build → Ship", "Advanced Ship → Tweak"]);
        titles.ShouldContain("Experiment archived");
        JsonElement timeline = await JsonAsync(api, $"/api/v1/features/{Key}/timeline");
        timeline.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()).ShouldBe(["think", "build", "ship", "tweak"]);
        await UiJourney.CheckPageAsync(page, "feature-timeline");

        // The archived experiment's results page still reads, and says it is archived.
        await page.GotoAsync($"/experiments/{Experiment}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        (await page.GetByTestId("archived-banner").InnerTextAsync()).ShouldContain("This experiment was archived on ");
        (await page.GetByTestId("verdict").GetAttributeAsync("data-decision")).ShouldNotBeNull();
        await UiJourney.CheckPageAsync(page, "experiment-archived-results");
    }

    private static async Task DecideAsync(IPage page, string decision, string reason)
    {
        int before = await page.Locator("[data-testid=decisions] article").CountAsync();
        await page.GetByTestId($"decision-{decision}").CheckAsync();
        await page.GetByTestId("decision-reason").FillAsync(reason);
        await page.GetByTestId("decide").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=decisions] article")).ToHaveCountAsync(before + 1);
    }

    private static async Task<JsonElement> FeatureAsync(HttpClient api) => await JsonAsync(api, $"/api/v1/features/{Key}");

    private static async Task<JsonElement> JsonAsync(HttpClient api, string path)
    {
        using HttpResponseMessage response = await api.GetAsync(path, UiJourney.Ct);
        string text = await response.Content.ReadAsStringAsync(UiJourney.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Metric}}","type":"conversion","event":"delivery-order","plannedUnits":4000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Experiment}}","hypothesis":"Showing delivery dates raises conversion.","variations":[{"key":"control","weight":0.5},{"key":"dates","weight":0.5}],
             "status":"running","metrics":[{"key":"{{Metric}}","role":"primary","minimumEffect":0.02}]}
            """);
        await ImportUnitsAsync(api, 0, 2000, 0.10, 0.18);
    }

    /// <summary>Units alternate arms; each converts at its arm's rate, spread so the counts are exact.</summary>
    private static async Task ImportUnitsAsync(HttpClient api, int from, int count, double control, double dates)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = from; i < from + count; i++)
        {
            bool treatment = i % 2 == 1;
            DateTimeOffset at = start.AddSeconds(i * 20);
            exposures.Add(Exposure($"d-{i}", Experiment, treatment ? "dates" : "control", at));
            if ((i / 2) % 100 < (treatment ? dates : control) * 100)
            {
                events.Add(Event($"d-{i}", "delivery-order", 1, at.AddMinutes(10)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }
}
