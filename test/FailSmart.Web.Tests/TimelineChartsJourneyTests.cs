using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// The results page's charts over time for experiments whose every exposure is from today, so each timeline has one
/// moment so far: the factorial launch's effects are drawn in the unit its table shows (percentage points for a
/// conversion, the metric's own unit for a sum), and both kinds of chart give their lone point an axis of hours
/// with a note that the timeline grows, instead of a sliver of a millisecond.
/// </summary>
public sealed class TimelineChartsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Launch = "today-launch";
    private const string Conversion = "today-conversion";
    private const string Basket = "today-basket";
    private const string Test = "today-test";
    private const string TestConversion = "today-signup";
    private const double HourMs = 3_600_000;

    private static readonly string s_screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task A_factorial_launch_read_once_plots_its_effects_in_the_tables_unit_on_an_axis_of_hours()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedLaunchAsync(api);
        JsonElement results = await ResultsAsync(api, Launch, "&environment=production");
        JsonElement timeline = await TimelineAsync(api, Launch);

        await page.GotoAsync($"/experiments/{Launch}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();

        // A conversion: every point, and each interval's arms, in percentage points, as the table beside it shows them.
        string conversion = "factorial-timeline-plot-" + Conversion;
        await WaitForPlotAsync(page, conversion);
        JsonElement[] series = Factorial(timeline, Conversion);
        series.ShouldAllBe(s => s.GetProperty("points").GetArrayLength() == 1);
        (await page.EvaluateAsync<string[]>("id => document.getElementById(id).data.map(t => t.name)", conversion)).ShouldBe(["search", "badges", "The bundle"]);
        double[][] drawn = await page.EvaluateAsync<double[][]>("id => document.getElementById(id).data.map(t => t.y)", conversion);
        double[][] arms = await page.EvaluateAsync<double[][]>("id => document.getElementById(id).data.map(t => t.error_y.array)", conversion);
        for (int i = 0; i < series.Length; i++)
        {
            JsonElement point = series[i].GetProperty("points")[0];
            double estimate = point.GetProperty("estimate").GetDouble();
            drawn[i].ShouldHaveSingleItem().ShouldBe(estimate * 100, 1e-9);
            arms[i].ShouldHaveSingleItem().ShouldBe((point.GetProperty("upper").GetDouble() - estimate) * 100, 1e-9);
        }

        // Search adds 6 points (0.06 as a fraction): the chart's +6 is the table's "+6.00 pp".
        drawn[0][0].ShouldBe(6, 1e-9);
        JsonElement search = results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == Conversion)
            .GetProperty("factorial").GetProperty("mainEffects")[0];
        drawn[0][0].ShouldBe(search.GetProperty("effect").GetProperty("estimate").GetDouble() * 100, 1e-9);
        (await page.GetByTestId("factorial-" + Conversion).GetByTestId("term-search").Locator("td").First.InnerTextAsync()).ShouldBe("+6.00 pp");
        (await YTitleAsync(page, conversion)).ShouldBe("Effect (percentage points)");
        // The ticks read as the table does: signed, in points.
        (await page.EvaluateAsync<string[]>("id => [...document.querySelectorAll('#' + id + ' .ytick text')].map(t => t.textContent)", conversion)).ShouldContain("+5");

        // A sum: drawn as the table gives it, the difference in the metric's mean per unit.
        string basket = "factorial-timeline-plot-" + Basket;
        await WaitForPlotAsync(page, basket);
        double[] basketDrawn = await page.EvaluateAsync<double[]>("id => document.getElementById(id).data.map(t => t.y[0])", basket);
        basketDrawn.ShouldBe([.. Factorial(timeline, Basket).Select(s => s.GetProperty("points")[0].GetProperty("estimate").GetDouble())]);
        basketDrawn[0].ShouldBe(0.6, 1e-9);
        (await YTitleAsync(page, basket)).ShouldBe("Effect (difference in mean per unit)");

        // One moment so far: hours either side of it, and a note saying the timeline grows.
        (await XSpanMsAsync(page, conversion)).ShouldBeGreaterThanOrEqualTo(HourMs);
        (await XSpanMsAsync(page, basket)).ShouldBeGreaterThanOrEqualTo(HourMs);
        await Assertions.Expect(page.GetByTestId("factorial-timeline-lone-" + Conversion)).ToHaveTextAsync(
            "One point so far, read at the last refresh: the timeline adds one for each day's end as the experiment runs.");

        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.fs-plot > div')].every(d => d.querySelector('.xtick') && d.querySelector('.point'))");
        await ChartScreenshotAsync(page, "factorial-timeline-" + Conversion, "factorial-timeline-one-refresh");
        await ChartScreenshotAsync(page, "factorial-timeline-" + Basket, "factorial-timeline-one-refresh-sum");
        await UiJourney.CheckPageAsync(page, "factorial-launch-one-refresh");
    }

    [Fact]
    public async Task An_experiment_read_once_draws_its_lift_and_both_intervals_on_an_axis_of_hours()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await SeedTestAsync(api);
        JsonElement timeline = await TimelineAsync(api, Test);
        JsonElement[] points = [.. timeline.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == TestConversion)
            .GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "treatment").GetProperty("points").EnumerateArray()];
        JsonElement point = points.ShouldHaveSingleItem();

        await page.GotoAsync($"/experiments/{Test}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        string id = $"timeline-plot-{TestConversion}-treatment";
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length === 5 && !!e._fullLayout; }", id);

        // Lift, always-valid bounds and fixed-horizon bounds at their one moment, each drawn as a mark since no line joins one point.
        double[] drawn = await page.EvaluateAsync<double[]>("id => { const d = document.getElementById(id).data; return [d[4].y[0], d[1].y[0], d[0].y[0], d[3].y[0], d[2].y[0]]; }", id);
        drawn.ShouldBe([.. new[] { "relativeLift", "lower", "upper", "fixedLower", "fixedUpper" }.Select(p => point.GetProperty(p).GetDouble())]);
        (await page.EvaluateAsync<string[]>("id => document.getElementById(id).data.map(t => t.mode)", id)).ShouldBe(["markers", "markers", "markers", "markers", "lines+markers"]);

        (await XSpanMsAsync(page, id)).ShouldBeGreaterThanOrEqualTo(HourMs);
        await Assertions.Expect(page.GetByTestId($"timeline-lone-{TestConversion}-treatment")).ToHaveTextAsync(
            "One point so far, read at the last refresh: the timeline adds one for each day's end as the experiment runs.");

        await page.WaitForFunctionAsync("id => { const d = document.getElementById(id); return !!d.querySelector('.xtick') && !!d.querySelector('.point'); }", id);
        await ChartScreenshotAsync(page, $"timeline-{TestConversion}-treatment", "timeline-one-refresh");
        await UiJourney.CheckPageAsync(page, "experiment-results-one-refresh");
    }

    private static async Task WaitForPlotAsync(IPage page, string id) =>
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length > 0 && !!e._fullLayout; }", id);

    private static Task<string> YTitleAsync(IPage page, string id) => page.EvaluateAsync<string>("id => document.getElementById(id)._fullLayout.yaxis.title.text", id);

    // The x-axis as Plotly drew it, in milliseconds (r2l turns a date axis's range into epoch milliseconds).
    private static Task<double> XSpanMsAsync(IPage page, string id) =>
        page.EvaluateAsync<double>("id => { const a = document.getElementById(id)._fullLayout.xaxis; return a.r2l(a.range[1]) - a.r2l(a.range[0]); }", id);

    private static async Task ChartScreenshotAsync(IPage page, string testId, string name)
    {
        Directory.CreateDirectory(s_screenshots);
        ILocator chart = page.GetByTestId(testId);
        await chart.ScrollIntoViewIfNeededAsync();
        await chart.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, name + ".png") });
    }

    private static JsonElement[] Factorial(JsonElement timeline, string metric) =>
        [.. timeline.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric).GetProperty("factorial").EnumerateArray()];

    private static async Task<JsonElement> TimelineAsync(HttpClient api, string experiment)
    {
        using HttpResponseMessage response = await api.GetAsync($"/api/v1/experiments/{experiment}/results/timeline?environment=production", UiJourney.Ct);
        string text = await response.Content.ReadAsStringAsync(UiJourney.Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Moments spread over today so far (UTC), oldest first, each a minute or more before now: a timeline of data from
    /// today alone has one moment, now. Just after midnight it waits until today holds a few minutes.
    /// </summary>
    private static async Task<DateTimeOffset[]> TodayAsync(int count)
    {
        DateTimeOffset midnight = new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        TimeSpan needed = TimeSpan.FromMinutes(5);
        if (DateTimeOffset.UtcNow - midnight < needed)
        {
            await Task.Delay(needed - (DateTimeOffset.UtcNow - midnight), UiJourney.Ct);
        }

        TimeSpan span = DateTimeOffset.UtcNow.AddMinutes(-2) - midnight.AddMinutes(1);
        return [.. Enumerable.Range(0, count).Select(i => midnight.AddMinutes(1) + (span * i / count))];
    }

    /// <summary>
    /// 400 units per cell, all today; conversions 40 with neither feature, 64 with search alone, 20 with badges alone, 44 with both
    /// (search +6 points, badges −5); each purchase is worth 10, so the basket's search effect is 0.6 a unit.
    /// </summary>
    private static async Task SeedLaunchAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Conversion}}","type":"conversion","event":"buy","plannedUnits":1600}""");
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Basket}}","type":"sum","event":"buy","plannedUnits":1600}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Launch}}","hypothesis":"Search and badges each raise purchases.","status":"running",
             "factorial":{"features":[{"flag":"search"},{"flag":"badges"}]},
             "metrics":[{"key":"{{Conversion}}","role":"primary","minimumEffect":0.1},{"key":"{{Basket}}","role":"secondary"}]}
            """);
        var converted = new Dictionary<string, int> { ["00"] = 40, ["10"] = 64, ["01"] = 20, ["11"] = 44 };
        DateTimeOffset[] moments = await TodayAsync(1600);
        var exposures = new List<string>();
        var events = new List<string>();
        int unit = 0;
        foreach ((string cell, int conversions) in converted)
        {
            for (int i = 0; i < 400; i++, unit++)
            {
                exposures.Add(Exposure($"u-{unit}", Launch, cell, moments[unit]));
                if (i < conversions)
                {
                    events.Add(Event($"u-{unit}", "buy", 10, moments[unit].AddSeconds(30)));
                }
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }

    /// <summary>300 units a side, all today: 30 control and 45 treatment sign-ups.</summary>
    private static async Task SeedTestAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{TestConversion}}","type":"conversion","event":"signup","plannedUnits":600}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Test}}","hypothesis":"A shorter form raises sign-ups.","status":"running",
             "variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],
             "metrics":[{"key":"{{TestConversion}}","role":"primary","minimumEffect":0.1}]}
            """);
        DateTimeOffset[] moments = await TodayAsync(600);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int unit = 0; unit < 600; unit++)
        {
            bool treated = unit % 2 == 1;
            exposures.Add(Exposure($"s-{unit}", Test, treated ? "treatment" : "control", moments[unit]));
            if (unit / 2 < (treated ? 45 : 30))
            {
                events.Add(Event($"s-{unit}", "signup", 1, moments[unit].AddSeconds(30)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }
}
