using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// The launch that looked like a win: its cohort had been enrolled by another trial ("no-ads"), arm for arm, weeks
/// before. The results page must say so above everything, name the other trial with a link, and grey out every effect.
/// </summary>
public sealed class ContaminatedExperimentJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "retention-push";
    private const string Other = "no-ads";
    private const string Metric = "seven-day-return";

    [Fact]
    public async Task Experiment_whose_cohort_came_from_another_trials_arm_shows_a_red_banner_naming_it_and_greys_out_its_effects()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Metric}}","type":"conversion","event":"return","plannedUnits":4000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""{"key":"{{Other}}","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"running"}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Key}}","variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],"status":"running","metrics":[{"key":"{{Metric}}"}]}
            """);

        // Weeks ago no-ads enrolled these units; now retention-push's treatment is exactly no-ads' "on" arm, whose
        // users return more often: the lift is no-ads' effect posing as this one's.
        DateTimeOffset trial = DateTimeOffset.UtcNow.AddDays(-30);
        DateTimeOffset launch = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = 0; i < 2000; i++)
        {
            string unit = $"c-{i}";
            bool on = i % 2 == 1;
            exposures.Add(Exposure(unit, Other, on ? "on" : "off", trial.AddMinutes(i)));
            exposures.Add(Exposure(unit, Key, on ? "treatment" : "control", launch.AddMinutes(i)));
            if ((i / 2) % 20 < (on ? 6 : 3))
            {
                events.Add(Event(unit, "return", 1, launch.AddMinutes(i + 60)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
        JsonElement results = await ResultsAsync(api, Key);
        JsonElement warning = results.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "experiment-dependency");
        warning.GetProperty("otherExperiment").GetString().ShouldBe(Other);

        await page.GotoAsync($"/experiments/{Key}");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();

        // The banner: red, naming the other trial with a link to it, with what to do, above the verdict.
        ILocator banner = page.GetByTestId("check-experiment-dependency");
        (await banner.GetAttributeAsync("data-severity")).ShouldBe("red");
        string text = await banner.InnerTextAsync();
        text.ShouldContain("Do not trust these results");
        text.ShouldContain(warning.GetProperty("message").GetString()!);
        text.ShouldContain("What to do: fix the cause, then start a new phase");
        ILocator link = banner.GetByTestId("other-experiment");
        (await link.InnerTextAsync()).ShouldBe(Other);
        (await link.GetAttributeAsync("href")).ShouldBe($"/experiments/{Other}?environment=production");
        (await banner.BoundingBoxAsync())!.Y.ShouldBeLessThan((await page.GetByTestId("verdict").BoundingBoxAsync())!.Y);
        (await page.GetByTestId("verdict").GetAttributeAsync("data-decision")).ShouldBe("invalid");

        // Every effect greyed out, and labelled so, not by colour alone.
        ILocator section = page.GetByTestId("metric-" + Metric);
        (await section.GetAttributeAsync("data-trusted")).ShouldBe("false");
        (await section.GetByTestId("do-not-trust").InnerTextAsync()).ShouldContain("Do not trust");
        ILocator table = page.Locator($"[data-testid=effects-{Metric}]");
        (await page.Locator($"[data-testid=forest-{Metric}] .fs-plot").EvaluateAsync<string>("e => getComputedStyle(e).opacity")).ShouldBe("0.45");
        (await table.Locator("[data-testid=effect-treatment] [data-testid=estimate]").EvaluateAsync<string>("e => getComputedStyle(e).fontStyle")).ShouldBe("italic");
        (await table.Locator("[data-testid=effect-treatment] [data-testid=status]").InnerTextAsync()).ShouldBe("Do not trust: fix and restart");
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.querySelector('.xtick') && !!e.querySelector('.point'); }", "forest-plot-" + Metric);
        await UiJourney.CheckPageAsync(page, "experiment-results-contaminated");

        // The link leads to the other trial's own results.
        await link.ClickAsync();
        await page.WaitForURLAsync(journey.Root + $"/experiments/{Other}?environment=production");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Other);
        await page.GetByTestId("verdict").WaitForAsync();
    }
}
