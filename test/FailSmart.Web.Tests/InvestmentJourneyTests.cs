using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A feature's investment read in the browser: a ledger file with a bad row is refused with the row's problem shown
/// beside it and nothing stored; the good file is imported; a value per unit set on the page turns the linked
/// experiment's measured effect into money; the curve's summary is the API's word for word; the portfolio lists it.
/// </summary>
public sealed class InvestmentJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Feature = "delivery-dates";
    private const string Experiment = "delivery-dates-test";
    private const string Metric = "checkout-conversion";

    private static string Week(int weeksAgo) => ISOWeek.GetYear(DateTime.UtcNow.AddDays(-7 * weeksAgo)).ToString(CultureInfo.InvariantCulture) + "-W" +
        ISOWeek.GetWeekOfYear(DateTime.UtcNow.AddDays(-7 * weeksAgo)).ToString("00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Import_a_ledger_set_a_value_and_read_the_curve_and_the_portfolio_as_the_api_says()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedAsync(api);

        await page.GotoAsync($"/features/{Feature}/investment");
        await page.Locator("[data-testid=investment-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("ledger-empty").WaitForAsync();
        (await page.GetByTestId("investment-summary").InnerTextAsync()).ShouldStartWith("Spent 0 person-days");
        await UiJourney.CheckPageAsync(page, "investment-empty");

        // A file with a bad row: refused, the row shown with its problem, nothing stored.
        string bad = $"feature,week,phase,person_days,note\n{Feature},{Week(3)},think,5,Interviews\n{Feature},{Week(2)},build,-2,\n";
        await page.GetByTestId("ledger-csv-file").SetInputFilesAsync(new FilePayload { Name = "ledger.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await Assertions.Expect(page.GetByTestId("ledger-csv")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("build,-2"));
        await page.GetByTestId("ledger-import").ClickAsync();
        ILocator badRow = page.GetByTestId("import-row-3");
        await badRow.WaitForAsync();
        (await badRow.InnerTextAsync()).ShouldContain("-2 person-days is not an effort the ledger keeps.");
        (await badRow.Locator("td").First.InnerTextAsync()).ShouldBe($"{Feature},{Week(2)},build,-2,");
        (await page.GetByTestId("import-problem").InnerTextAsync()).ShouldContain("Nothing was imported.");
        (await LedgerAsync(api)).GetArrayLength().ShouldBe(0);
        await UiJourney.CheckPageAsync(page, "investment-import-refused");

        // The corrected file, pasted.
        string good = $"feature,week,phase,person_days,note\n{Feature},{Week(3)},think,5,Interviews\n{Feature},{Week(2)},build,10,\"API, page\"\n{Feature},{Week(1)},ship,5,\n";
        await page.GetByTestId("ledger-csv").FillAsync(good);
        await page.GetByTestId("ledger-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-message")).ToHaveTextAsync("Imported: 3 rows: 3 changed (3 new, 0 replaced), 0 unchanged.");
        await page.GetByTestId($"ledger-{Week(2)}-build").WaitForAsync();
        (await LedgerAsync(api)).GetArrayLength().ShouldBe(3);

        // A value per unit, saved on the feature.
        await page.GetByTestId("value-per-unit").FillAsync("10");
        await page.GetByTestId("value-save").ClickAsync();
        await page.GetByTestId("value-message").WaitForAsync();
        JsonElement feature = await GetAsync(api, $"/api/v1/features/{Feature}");
        (feature.GetProperty("valuePerUnit").GetDouble(), feature.GetProperty("costPerPersonDay").GetDouble(), feature.GetProperty("links").GetArrayLength()).ShouldBe((10.0, 600.0, 1));

        // The curve: its summary is the API's, the figures add up, the chart is drawn with its shaded area and phase strips.
        JsonElement curve = await GetAsync(api, $"/api/v1/features/{Feature}/investment");
        string summary = curve.GetProperty("standing").GetProperty("summary").GetString()!;
        summary.ShouldStartWith("Spent 15 person-days (9,000 EUR) before the first measured return");
        await Assertions.Expect(page.GetByTestId("investment-summary")).ToHaveTextAsync(summary);
        (await page.GetByTestId("investment-spent").InnerTextAsync()).ShouldBe("20 person-days · 12,000 EUR");
        (await page.GetByTestId("investment-before").InnerTextAsync()).ShouldBe("15 person-days · 9,000 EUR");
        curve.GetProperty("sources")[0].GetProperty("variation").GetString().ShouldBe("treatment");
        await page.WaitForFunctionAsync("() => { const d = document.querySelector('[data-testid=investment-chart] .fs-plot > div'); return d && d.querySelector('.xtick') && d.querySelectorAll('.shapelayer path').length >= 4; }");
        await UiJourney.CheckPageAsync(page, "investment-curve");

        // The portfolio lists it with the same spend and status.
        await page.GotoAsync("/investment");
        await page.Locator("[data-testid=portfolio-page][data-interactive=true]").WaitForAsync();
        ILocator row = page.GetByTestId("portfolio-" + Feature);
        await row.WaitForAsync();
        (await row.GetByTestId("spend").InnerTextAsync()).ShouldBe("12,000 EUR");
        (await row.GetByTestId("status").InnerTextAsync()).ShouldBe(curve.GetProperty("standing").GetProperty("status").GetString() switch
        {
            "paying-back" => "Paying back",
            "not-yet" => "Not yet paid back",
            var other => other!,
        });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=portfolio-chart] .point')");
        await UiJourney.CheckPageAsync(page, "investment-portfolio");
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using HttpResponseMessage response = await api.GetAsync(path, UiJourney.Ct);
        string text = await response.Content.ReadAsStringAsync(UiJourney.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<JsonElement> LedgerAsync(HttpClient api) => GetAsync(api, $"/api/v1/features/{Feature}/ledger");

    /// <summary>An experiment whose treatment converts at 18% against 10% from last week's Monday, and the feature it measures.</summary>
    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Metric}}","type":"conversion","event":"order","plannedUnits":4000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Experiment}}","hypothesis":"Delivery dates raise conversion.","variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],
             "status":"running","metrics":[{"key":"{{Metric}}"}]}
            """);
        await PostAsync(api, "/api/v1/flags", $$$"""
            {"key":"delivery-dates","type":"boolean","variations":[{"key":"control","value":false},{"key":"treatment","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"control","defaultVariation":"control","rules":[{"id":"dates-test","experiment":{"key":"{{{Experiment}}}"} }]} } }
            """);
        // From last week's Monday, so the first return is always in the week of Week(1), whatever day the test runs.
        DateTime lastWeek = DateTime.UtcNow.Date.AddDays(-7);
        var start = new DateTimeOffset(lastWeek.AddDays(-(((int)lastWeek.DayOfWeek + 6) % 7)).AddHours(8), TimeSpan.Zero);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = 0; i < 2400; i++)
        {
            string unit = $"u-{i}";
            bool treatment = i % 2 == 1;
            DateTimeOffset at = start.AddMinutes(i);
            exposures.Add(Exposure(unit, Experiment, treatment ? "treatment" : "control", at));
            if ((i / 2) % 50 < (treatment ? 9 : 5))
            {
                events.Add(Event(unit, "order", 1, at.AddMinutes(20)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
        await PostAsync(api, "/api/v1/features", $$"""
            {"key":"{{Feature}}","name":"Delivery dates at checkout","owner":"team-checkout","problem":"Shoppers abandon checkout when they cannot see when an order arrives.",
             "hypothesis":{"statement":"Showing delivery dates raises conversion","metric":"{{Metric}}","minimumEffect":0.02},
             "links":[{"kind":"experiment","key":"{{Experiment}}"}],"currency":"EUR","costPerPersonDay":600}
            """);
    }
}
