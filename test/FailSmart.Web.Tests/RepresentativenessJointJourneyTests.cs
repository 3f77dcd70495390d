using System.Net;
using System.Text;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A pilot in three of four country × platform cells read against a population that holds all four: the results page
/// reweights over the cells, says so, and names the cell the cohort cannot speak for with its share of the target.
/// </summary>
public sealed class RepresentativenessJointJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "cell-pilot";

    [Fact]
    public async Task The_results_page_reweights_over_the_targets_cells_and_names_the_cell_the_cohort_lacks()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedAsync(api);

        await page.GotoAsync($"/experiments/{Key}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        (await page.GetByTestId("target-population").InputValueAsync()).ShouldBe("cell-markets");
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("representativeness-result").WaitForAsync();

        (await page.GetByTestId("joint-strata").InnerTextAsync()).ShouldBe("Reweighted over the cells of country × platform, the target's joint mix");
        string joint = await page.GetByTestId("reweighted-text-cell-conversion-joint").InnerTextAsync();
        joint.ShouldContain("Strata: the 4 cells of country × platform.");
        (await page.GetByTestId("uncovered-cells").InnerTextAsync()).ShouldContain("The cohort has no units to speak for US × web (50% of the target)");
        (await page.GetByTestId("strata-used").AllInnerTextsAsync()).ShouldBe(["Strata: the 4 cells of country × platform.", "Strata: country alone.", "Strata: platform alone."]);
        await UiJourney.CheckPageAsync(page, "experiment-representativeness-joint");
    }

    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", """{"key":"cell-conversion","type":"conversion","event":"cell-signup","plannedUnits":2000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Key}}","hypothesis":"The new onboarding raises sign-ups.","variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],
             "status":"running","metrics":[{"key":"cell-conversion"}]}
            """);
        await PostAsync(api, "/api/v1/flags", $$$"""
            {"key":"cell-onboarding","type":"boolean","variations":[{"key":"control","value":false},{"key":"treatment","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"control","defaultVariation":"control","rules":[{"id":"pilot","experiment":{"key":"{{{Key}}}"} }]} } }
            """);

        // 1,200 units in NZ × ios, NZ × web and US × ios; none in US × web, half of the target.
        (string Country, string Platform)[] cells = [("NZ", "ios"), ("NZ", "web"), ("US", "ios")];
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = 0; i < 1200; i++)
        {
            string unit = $"c-{i}";
            bool treatment = i % 2 == 1;
            (string country, string platform) = cells[(i / 2) % 3];
            DateTimeOffset at = start.AddMinutes(i);
            exposures.Add($$$"""{"id":"x-{{{Key}}}-{{{unit}}}","unitId":"{{{unit}}}","timestamp":"{{{At(at)}}}","experiment":"{{{Key}}}","variation":"{{{(treatment ? "treatment" : "control")}}}","properties":{"country":"{{{country}}}","platform":"{{{platform}}}"}}""");
            if ((i / 6) % 10 < (treatment && platform == "ios" ? 3 : 1))
            {
                events.Add(Event(unit, "cell-signup", 1, at.AddMinutes(20)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
        using HttpResponseMessage put = await api.PutAsync(new Uri("/api/v1/populations/cell-markets", UriKind.Relative),
            new StringContent("country,platform,units\nNZ,ios,50000\nNZ,web,50000\nUS,ios,400000\nUS,web,500000\n", Encoding.UTF8, "text/csv"), UiJourney.Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created, await put.Content.ReadAsStringAsync(UiJourney.Ct));
    }
}
