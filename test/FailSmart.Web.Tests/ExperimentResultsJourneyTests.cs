using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// A healthy experiment read in the browser: the list links to it, the forest plot and the table beside it show exactly
/// the results API's numbers (relative and absolute), the CSV carries them, breakdowns mark what is significant, and the
/// shareable report opens for a viewer with nothing on it that changes anything.
/// </summary>
public sealed class ExperimentResultsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "checkout-copy";
    private const string Conversion = "signup-conversion";
    private const string Revenue = "order-value";

    [Fact]
    public async Task Results_page_shows_the_apis_numbers_in_plot_table_and_csv_and_the_report_has_no_actions()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();

        // Nothing yet: the list teaches what an experiment is for and offers to design one.
        await page.GotoAsync("/experiments");
        await page.Locator("[data-testid=experiments-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("empty").WaitForAsync();
        (await page.GetByTestId("empty").InnerTextAsync()).ShouldContain("does this change make things better?");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Design the first experiment" }).GetAttributeAsync("href")).ShouldBe("/experiments/new");
        await UiJourney.CheckPageAsync(page, "experiments-empty");

        await SeedAsync(api);
        JsonElement results = await ResultsAsync(api, Key);
        results.GetProperty("warnings").GetArrayLength().ShouldBe(0);

        // The list follows live and links to the results in this environment.
        ILocator row = page.GetByTestId("experiment-" + Key);
        await row.WaitForAsync();
        (await row.Locator("td").AllInnerTextsAsync()).ShouldBe(["Running", "1", "checkout-button", "none", "Clearer copy raises sign-ups."]);
        (await row.GetByRole(AriaRole.Link, new() { Name = Key }).GetAttributeAsync("href")).ShouldBe($"/experiments/{Key}?environment=production");
        await UiJourney.CheckPageAsync(page, "experiments-list");

        await page.GotoAsync($"/experiments/{Key}?environment=production");
        await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        JsonElement verdict = results.GetProperty("verdict");
        (await page.GetByTestId("verdict").GetAttributeAsync("data-decision")).ShouldBe(verdict.GetProperty("decision").GetString());
        (await page.GetByTestId("verdict-reason").InnerTextAsync()).ShouldBe(verdict.GetProperty("reason").GetString());
        (await page.Locator("[data-testid^=check-]:not([data-testid=check-srm-passed])").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("check-srm-passed").InnerTextAsync()).ShouldContain("Sample ratio check passed");
        (await page.Locator($"[data-testid=metric-{Conversion}]").GetAttributeAsync("data-trusted")).ShouldBe("true");
        (await page.Locator($"[data-testid=metric-{Conversion}] [data-testid=role]").InnerTextAsync()).ShouldBe("Primary metric");
        (await page.Locator($"[data-testid=metric-{Conversion}] [data-testid=direction]").InnerTextAsync()).ShouldBe("higher is better");
        (await page.GetByTestId("launch-link").GetAttributeAsync("href")).ShouldBe($"/experiments/{Key}/launch");

        // Relative: the table's numbers, the plotted ones and the API's are the same numbers.
        foreach (string metric in new[] { Conversion, Revenue })
        {
            JsonElement treatment = Variation(results, metric, "treatment");
            await ExpectRowAsync(page, metric, "relative", treatment, "relativeLift", "liftLower", "liftUpper");
            await ExpectPlottedAsync(page, metric, treatment, "relativeLift", "liftLower", "liftUpper");
        }

        JsonElement lift = Variation(results, Conversion, "treatment");
        (await Cell(page, Conversion, "estimate").InnerTextAsync()).ShouldBe(Percent(lift.GetProperty("relativeLift").GetDouble()));
        (await Cell(page, Conversion, "status").InnerTextAsync()).ShouldNotBeEmpty();
        await ExpectTimelineAsync(page, api);
        await ChartsDrawnAsync(page);
        await UiJourney.CheckPageAsync(page, "experiment-results");

        // Absolute, in each metric's own unit; the choice is in the URL.
        await page.GetByTestId("scale-absolute").ClickAsync();
        await page.Locator($"[data-testid=effects-{Conversion}][data-scale=absolute]").WaitForAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("scale=absolute"));
        foreach (string metric in new[] { Conversion, Revenue })
        {
            JsonElement treatment = Variation(results, metric, "treatment");
            await ExpectRowAsync(page, metric, "absolute", treatment, "absoluteEffect", "absoluteLower", "absoluteUpper");
            await ExpectPlottedAsync(page, metric, treatment, "absoluteEffect", "absoluteLower", "absoluteUpper");
        }

        (await Cell(page, Conversion, "estimate").InnerTextAsync()).ShouldEndWith(" pp");
        await ChartsDrawnAsync(page);
        await UiJourney.CheckPageAsync(page, "experiment-results-absolute");

        // The CSV download carries the same numbers.
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv").ClickAsync());
        download.SuggestedFilename.ShouldBe($"{Key}-production-phase-1.csv");
        string[] lines = (await File.ReadAllTextAsync((await download.PathAsync())!, UiJourney.Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        lines.Length.ShouldBe(5); // the header, then control and treatment of two metrics
        foreach (string metric in new[] { Conversion, Revenue })
        {
            string[] cells = lines.Single(l => l.Contains($",{metric},", StringComparison.Ordinal) && l.Contains(",treatment,", StringComparison.Ordinal)).Split(',');
            JsonElement treatment = Variation(results, metric, "treatment");
            foreach ((string column, string property) in new[] { ("relative_lift", "relativeLift"), ("lift_lower", "liftLower"), ("lift_upper", "liftUpper"), ("absolute_effect", "absoluteEffect"), ("absolute_lower", "absoluteLower"), ("absolute_upper", "absoluteUpper"), ("units", "units") })
            {
                double.Parse(cells[Array.IndexOf(header, column)], CultureInfo.InvariantCulture).ShouldBe(treatment.GetProperty(property).GetDouble(), $"{metric} {column}");
            }

            cells[Array.IndexOf(header, "checks")].ShouldBe("ok");
            cells[Array.IndexOf(header, "term_kind")].ShouldBe("variation");
        }

        // A breakdown by country: the segments and what is significant after Holm's correction, as the API says.
        await page.Locator("#breakdown").FillAsync("country");
        await page.GetByTestId("break-down").ClickAsync();
        ILocator segments = page.Locator($"[data-testid=breakdown-{Conversion}] [data-testid=segment]");
        await Assertions.Expect(segments).ToHaveCountAsync(2);
        JsonElement split = (await ResultsAsync(api, Key, "&breakdown=country")).GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("metric").GetString() == Conversion).GetProperty("breakdown");
        foreach (JsonElement segment in split.GetProperty("segments").EnumerateArray())
        {
            ILocator shown = segments.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = segment.GetProperty("value").GetString(), Exact = true }) });
            (await shown.GetAttributeAsync("data-significant")).ShouldBe(segment.GetProperty("significant").GetBoolean() ? "true" : "false");
            (await shown.Locator("td").Nth(3).InnerTextAsync()).ShouldBe(segment.GetProperty("relativeLift") is { ValueKind: JsonValueKind.Number } segmentLift ? Percent(segmentLift.GetDouble()) : "—");
        }

        await ChartsDrawnAsync(page);
        await UiJourney.CheckPageAsync(page, "experiment-results-breakdown");
        string reportHref = (await page.GetByTestId("report-link").GetAttributeAsync("href"))!;
        // The report keeps the view it was opened from: this breakdown, absolute effects.
        reportHref.ShouldBe($"/experiments/{Key}/report?environment=production&breakdown=country&scale=absolute");

        // The report opens for a viewer: the same numbers, and no button at all.
        await journey.AddPersonAsync("rita@example.com", "Rita Reader", "viewer");
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("rita@example.com");
        await using IBrowserContext __ = viewerContext;
        await viewer.GotoAsync(reportHref);
        await viewer.Locator("[data-testid=report-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        await ExpectRowAsync(viewer, Conversion, "absolute", lift, "absoluteEffect", "absoluteLower", "absoluteUpper");
        await Assertions.Expect(viewer.Locator($"[data-testid=breakdown-{Conversion}] [data-testid=segment]")).ToHaveCountAsync(2);
        await viewer.Locator($"#forest-plot-{Conversion}.js-plotly-plot").WaitForAsync();
        (await viewer.Locator("[data-testid=report-page] button").CountAsync()).ShouldBe(0);
        (await viewer.Locator("[data-testid=report-page] input, [data-testid=report-page] select").CountAsync()).ShouldBe(0);
        (await viewer.Locator("[data-testid=report-page] .modebar").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("verdict-reason").InnerTextAsync()).ShouldBe(verdict.GetProperty("reason").GetString());
        await ChartsDrawnAsync(viewer);
        await UiJourney.CheckPageAsync(viewer, "experiment-report");

        // A viewer reading the live page gets no link to the launch checklist.
        await viewer.GotoAsync($"/experiments/{Key}");
        await viewer.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
        (await viewer.GetByTestId("launch-link").CountAsync()).ShouldBe(0);
    }

    private static async Task SeedAsync(HttpClient api)
    {
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Conversion}}","type":"conversion","event":"signup","plannedUnits":4000}""");
        await PostAsync(api, "/api/v1/metrics", $$"""{"key":"{{Revenue}}","type":"sum","event":"order","role":"secondary","plannedUnits":4000}""");
        await PostAsync(api, "/api/v1/experiments", $$"""
            {"key":"{{Key}}","hypothesis":"Clearer copy raises sign-ups.","variations":[{"key":"control","weight":0.5},{"key":"treatment","weight":0.5}],
             "status":"running","metrics":[{"key":"{{Conversion}}"},{"key":"{{Revenue}}"}]}
            """);
        await PostAsync(api, "/api/v1/flags", $$$"""
            {"key":"checkout-button","type":"boolean","variations":[{"key":"control","value":false},{"key":"treatment","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"control","defaultVariation":"control","rules":[{"id":"copy-test","experiment":{"key":"{{{Key}}}"} }]} } }
            """);

        // 2,400 units over two days, alternating arms; the treatment converts at 18% against 10%, and spends more.
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-2);
        var exposures = new List<string>();
        var events = new List<string>();
        for (int i = 0; i < 2400; i++)
        {
            string unit = $"u-{i}";
            bool treatment = i % 2 == 1;
            DateTimeOffset at = start.AddMinutes(i);
            exposures.Add(Exposure(unit, Key, treatment ? "treatment" : "control", at, (i / 2) % 4 == 0 ? "NZ" : "US"));
            if ((i / 2) % 50 < (treatment ? 9 : 5))
            {
                events.Add(Event(unit, "signup", 1, at.AddMinutes(20)));
                events.Add(Event(unit, "order", 20 + (i % 7 * 5), at.AddMinutes(30)));
            }
        }

        await ImportAsync(api, "exposures", exposures);
        await ImportAsync(api, "events", events);
    }

    // A screenshot waits until Plotly has drawn every chart's axes and points, not only received its data.
    private static async Task ChartsDrawnAsync(IPage page) => await page.WaitForFunctionAsync(
        "() => [...document.querySelectorAll('.fs-plot > div')].every(d => d.querySelector('.xtick') && d.querySelector('.point'))");

    private static ILocator Cell(IPage page, string metric, string testId) =>
        page.Locator($"[data-testid=effects-{metric}] [data-testid=effect-treatment] [data-testid={testId}]");

    private static async Task ExpectRowAsync(IPage page, string metric, string scale, JsonElement treatment, string estimate, string lower, string upper)
    {
        ILocator table = page.Locator($"[data-testid=effects-{metric}][data-scale={scale}]");
        await table.WaitForAsync();
        ILocator row = table.GetByTestId("effect-treatment");
        foreach ((string attribute, string property) in new[] { ("data-estimate", estimate), ("data-lower", lower), ("data-upper", upper) })
        {
            double.Parse((await row.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture).ShouldBe(treatment.GetProperty(property).GetDouble(), $"{metric} {attribute}");
        }
    }

    // What Plotly drew: the dot at the estimate, the error bar's ends at the interval's bounds.
    private static async Task ExpectPlottedAsync(IPage page, string metric, JsonElement treatment, string estimate, string lower, string upper)
    {
        string id = "forest-plot-" + metric;
        double expected = treatment.GetProperty(estimate).GetDouble();
        await page.WaitForFunctionAsync(
            "([id, x]) => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length > 0 && e.data[0].x[0] === x; }",
            new object[] { id, expected });
        double[] drawn = await page.EvaluateAsync<double[]>(
            "id => { const t = document.getElementById(id).data[0]; return [t.x[0], t.error_x.arrayminus[0], t.error_x.array[0]]; }", id);
        drawn[0].ShouldBe(expected);
        (drawn[0] - drawn[1]).ShouldBe(treatment.GetProperty(lower).GetDouble(), 1e-12);
        (drawn[0] + drawn[2]).ShouldBe(treatment.GetProperty(upper).GetDouble(), 1e-12);
        (await page.EvaluateAsync<string>("id => document.getElementById(id).data[0].y[0]", id)).ShouldBe("treatment");
    }

    // Each treatment has a chart over time whose last drawn point is the timeline API's last point, and the
    // sentence on why peeking at the fixed-horizon interval would have misled.
    private static async Task ExpectTimelineAsync(IPage page, HttpClient api)
    {
        using JsonDocument timeline = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/experiments/{Key}/results/timeline?environment=production"));
        JsonElement points = timeline.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == Conversion)
            .GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "treatment").GetProperty("points");
        JsonElement last = points.EnumerateArray().Last(p => p.GetProperty("relativeLift").ValueKind == JsonValueKind.Number);

        (await page.GetByTestId("timeline-missing-" + Conversion).CountAsync()).ShouldBe(0);
        await page.GetByTestId($"timeline-{Conversion}-treatment").WaitForAsync();
        (await page.GetByTestId("peeking").First.InnerTextAsync()).ShouldContain("fixed-horizon");
        string id = $"timeline-plot-{Conversion}-treatment";
        await page.WaitForFunctionAsync("id => { const e = document.getElementById(id); return !!e && !!e.data && e.data.length === 5; }", id);
        double[] drawn = await page.EvaluateAsync<double[]>(
            "id => { const d = document.getElementById(id).data; const at = t => t.y[t.y.length - 1]; return [at(d[4]), at(d[1]), at(d[0]), at(d[3]), at(d[2])]; }", id);
        drawn[0].ShouldBe(last.GetProperty("relativeLift").GetDouble(), 1e-12);
        drawn[1].ShouldBe(last.GetProperty("lower").GetDouble(), 1e-12);
        drawn[2].ShouldBe(last.GetProperty("upper").GetDouble(), 1e-12);
        drawn[3].ShouldBe(last.GetProperty("fixedLower").GetDouble(), 1e-12);
        drawn[4].ShouldBe(last.GetProperty("fixedUpper").GetDouble(), 1e-12);
    }

    private static string Percent(double lift) =>
        (lift < 0 ? "\u2212" : "+") + Math.Abs(lift * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
