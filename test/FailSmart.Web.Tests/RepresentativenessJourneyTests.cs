using System.Net.Http.Json;
using System.Text.Json;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A one-market pilot read against the launch markets in the browser: an editor uploads the target population, the
/// results page compares the cohort with it, draws the mix and the reweighted effect, says which market the cohort
/// cannot speak for and warns that the pilot market's effect may not carry over, with the API's numbers; the verdict
/// then says the cohort is not the launch market, until the reader changes the target or the environment. A guarded
/// rollout's page compares its stage's cohort the same way.
/// </summary>
public sealed class RepresentativenessJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "nz-pilot";

    [Fact]
    public async Task A_population_is_uploaded_and_the_results_page_shows_the_mix_the_reweighted_effect_and_the_warning()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedAsync(api);

        // Upload the launch markets: a bad line is named, then the good table is stored.
        await page.GotoAsync("/populations");
        await page.Locator("[data-testid=populations-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("no-populations").WaitForAsync();
        await page.GetByLabel("Key").FillAsync("launch-markets");
        await page.GetByLabel("Or paste the CSV").FillAsync("country,units\nNZ,50000\nUS,-1\n");
        await page.GetByTestId("population-upload").ClickAsync();
        (await page.GetByTestId("population-problems").InnerTextAsync()).ShouldContain("$.rows[3].units");
        await page.GetByLabel("Description").FillAsync("Launch markets");
        await page.GetByLabel("Or paste the CSV").FillAsync("country,units\nNZ,50000\nUS,400000\nDE,550000\n");
        await page.GetByTestId("population-upload").ClickAsync();
        (await page.GetByTestId("population-message").InnerTextAsync()).ShouldBe("Stored launch-markets (version 1): 3 strata, 1,000,000 units.");
        (await page.GetByTestId("population-launch-markets").Locator("td").AllInnerTextsAsync()).Take(3).ShouldBe(["country", "3", "1,000,000"]);
        await UiJourney.CheckPageAsync(page, "populations");

        // Compare the pilot's cohort with it on the results page.
        await page.GotoAsync($"/experiments/{Key}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        (await page.GetByTestId("target-population").InputValueAsync()).ShouldBe("launch-markets");
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("representativeness-result").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=mix-country] .xtick') && document.querySelector('[data-testid^=reweighted-] .point')");

        using HttpResponseMessage response = await api.GetAsync($"/api/v1/experiments/{Key}/representativeness?population=launch-markets", UiJourney.Ct);
        JsonElement expected = (await response.Content.ReadFromJsonAsync<JsonElement>(UiJourney.Ct)).GetProperty("effects")[0];
        string Effect(string which) => Text(expected.GetProperty(which));
        string reweightedText = await page.GetByTestId("reweighted-text-pilot-conversion").InnerTextAsync();
        // A conversion's effect in percentage points, as the results' own columns write it.
        reweightedText.ShouldContain(" pp (");
        reweightedText.ShouldStartWith($"In the cohort {Effect("plain")}; reweighted to the target {Effect("reweighted")}.");
        reweightedText.ShouldContain("Heterogeneity across country: Cochran's Q p < 0.0001, I² = ");
        (await page.GetByTestId("uncovered").InnerTextAsync()).ShouldContain("The cohort has no units to speak for DE (55% of the target)");
        string warning = await page.GetByTestId("carry-over-warning").InnerTextAsync();
        warning.ShouldContain("pilot-conversion may not carry over.");
        warning.ShouldContain("The effect differs between strata (Cochran's Q p < 0.0001, I² = ");
        warning.ShouldContain("NZ is 80% of the cohort but 5% of the target");
        (await page.GetByTestId("representativeness").InnerTextAsync()).ShouldContain("By country: χ² ");
        (await page.GetByTestId("mix-table-country").Locator("tbody tr").First.InnerTextAsync()).ShouldStartWith("NZ");

        // The verdict itself now says it: the comparison cannot be read past.
        string caveat = await page.GetByTestId("verdict").GetByTestId("verdict-representativeness").InnerTextAsync();
        caveat.ShouldStartWith("Not the launch market. The cohort does not look like launch-markets: 80% NZ against 5% in launch-markets (country mix χ² p < 0.0001).");
        caveat.ShouldContain($"pilot-conversion for treatment reweighted to launch-markets is {Effect("reweighted")} against ");
        caveat.ShouldContain("pilot-conversion for treatment may not carry over");
        await UiJourney.CheckPageAsync(page, "experiment-representativeness");
        await page.GetByTestId("verdict").ScreenshotAsync(new() { Path = Screenshot("verdict-launch-market") });

        // Another target: the sentence and the comparison were about launch-markets, so both go until compared again.
        await page.GetByTestId("target-population").SelectOptionAsync(RepresentativenessQuery.AllExposures);
        await Assertions.Expect(page.GetByTestId("verdict-representativeness")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        (await page.GetByTestId("representativeness-result").CountAsync()).ShouldBe(0);
        await page.GetByTestId("target-population").SelectOptionAsync("launch-markets");
        await page.GetByTestId("compare").ClickAsync();
        (await page.GetByTestId("verdict-representativeness").InnerTextAsync()).ShouldBe(caveat);

        // Another environment, reached without leaving the page: its verdict is about its own cohort, which nobody compared.
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", $"/experiments/{Key}?environment=staging");
        await page.Locator(".fs-page-header .fs-tag", new() { HasText = "staging" }).WaitForAsync();
        await page.Locator("[data-testid=results-page][data-loaded=true] [data-testid=verdict]").WaitForAsync();
        (await page.GetByTestId("exposed").InnerTextAsync()).ShouldNotContain("1,000");
        (await page.GetByTestId("verdict-representativeness").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("representativeness-result").CountAsync()).ShouldBe(0);
        await page.GetByTestId("verdict").ScreenshotAsync(new() { Path = Screenshot("verdict-after-environment-change") });

        // A guarded rollout's page has the same comparison, of its own stage's cohort: none exposed yet, so nothing to compare.
        // It shares the pilot's units, so the collision check asks for an acknowledgement.
        using var flag = new HttpRequestMessage(HttpMethod.Post, "/api/v1/flags") { Content = new StringContent("""
            {"key":"onboarding-ramp","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{"stages":[{"percentage":10},{"percentage":100}]} } }]} } }
            """, System.Text.Encoding.UTF8, "application/json") };
        flag.Headers.Add("X-Acknowledge-Collisions", "true");
        flag.Headers.Add("X-Change-Reason", "The rollout's cohort is compared, not read out");
        using HttpResponseMessage created = await api.SendAsync(flag, UiJourney.Ct);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync(UiJourney.Ct));
        await page.GotoAsync("/rollouts");
        await page.GetByTestId("rollout-onboarding-ramp-ramp").WaitForAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/rollouts/production/onboarding-ramp/ramp");
        await page.Locator("[data-testid=rollout-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("representativeness").InnerTextAsync()).ShouldContain("Compare who was in this rollout's stage with a target population");
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("representativeness-result").WaitForAsync();
        (await page.GetByTestId("representativeness-result").InnerTextAsync()).ShouldContain(
            "No unit of the cohort carried 'country' on its first exposure: send it as an exposure property to compare the mix.");
        (await page.GetByTestId("next-representativeness").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(page, "rollout-representativeness");
    }

    private static string Text(JsonElement effect) => ResultNumbers.AbsoluteWithInterval(
        new EffectEstimateResponse(effect.GetProperty("estimate").GetDouble(), 0, effect.GetProperty("lower").GetDouble(), effect.GetProperty("upper").GetDouble(), null),
        "conversion");

    private static string Screenshot(string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", """{"key":"pilot-conversion","type":"conversion","event":"pilot-signup","plannedUnits":2000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Key}}","hypothesis":"The new onboarding raises sign-ups.","variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],
             "status":"running","metrics":[{"key":"pilot-conversion"}]}
            """);
        await PostAsync(api, "/api/v1/flags", $$$"""
            {"key":"onboarding","type":"boolean","variations":[{"key":"control","value":false},{"key":"treatment","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"control","defaultVariation":"control","rules":[{"id":"pilot","experiment":{"key":"{{{Key}}}"} }]} } }
            """);

        // 2,000 units, 80% in NZ: there the treatment converts 30% against 10%; in the US both convert 10%.
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = 0; i < 2000; i++)
        {
            string unit = $"p-{i}";
            bool treatment = i % 2 == 1;
            string country = (i / 2) % 10 < 8 ? "NZ" : "US";
            DateTimeOffset at = start.AddMinutes(i);
            exposures.Add(Exposure(unit, Key, treatment ? "treatment" : "control", at, country));
            if ((i / 20) % 10 < (treatment && country == "NZ" ? 3 : 1))
            {
                events.Add(Event(unit, "pilot-signup", 1, at.AddMinutes(20)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }
}
