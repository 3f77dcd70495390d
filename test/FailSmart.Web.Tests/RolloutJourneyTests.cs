using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// An admin seeds a guarded rollout through the API, watches the engine start it, backfills its history (exposures
/// by arm and conversions) through the historical import, reads on its page the units per arm and the guardrail's
/// change computed from those rows, and pauses it with a reason; a viewer sees no buttons.
/// </summary>
public sealed class RolloutJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Metric = "new-checkout-conversion";
    private const string Conversion = "checkout-completed";

    private const string Flag = """
        {"key":"new-checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
           "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{"holdback":10,
             "stages":[{"percentage":50},{"percentage":75,"requiresApproval":true},{"percentage":100}],
             "metrics":[{"key":"new-checkout-conversion","role":"guardrail"}]} } }]} } }
        """;

    private static CancellationToken Ct => UiJourney.Ct;

    /// <summary>The rollout's history as a warehouse would hold it: each unit's arm, and who converted.</summary>
    private sealed record HistoryUnit(string Id, string Arm, bool Converted, DateTimeOffset ExposedAt);

    /// <summary>
    /// 400 units split as stage 1 serves them (50% of the 90% not held back: 45% in, 45% not yet, 10% held back); a
    /// third of the units with the feature convert, a fifth of the others.
    /// </summary>
    private static List<HistoryUnit> History()
    {
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-3);
        return [.. Enumerable.Range(0, 400).Select(i =>
        {
            string arm = (i % 20) switch { < 9 => "not-yet", < 18 => "in", _ => "holdback" };
            bool converted = arm == "in" ? (i / 20) % 3 == 0 : (i / 20) % 5 == 0;
            return new HistoryUnit($"nc-{i}", arm, converted, start.AddSeconds(10 * i));
        })];
    }

    private static async Task ImportAsync(HttpClient api, string kind, IEnumerable<string> rows)
    {
        using var content = new StringContent(string.Join('\n', rows), Encoding.UTF8, "application/x-ndjson");
        using HttpResponseMessage response = await api.PostAsync($"/api/v1/imports/events?kind={kind}", content, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("stage").GetString().ShouldBe("done", text);
    }

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Units(int units) => units.ToString("N0", CultureInfo.InvariantCulture);

    private static string Change(double relative) => relative.ToString("+0.##%;-0.##%;0%", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Admin_pauses_a_guarded_rollout_with_a_reason_and_the_page_and_audit_show_it()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        (await api.PostAsync("/api/v1/metrics", new StringContent($$"""{"key":"{{Metric}}","type":"conversion","event":"{{Conversion}}","window":"P7D"}""", Encoding.UTF8, "application/json"), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/api/v1/flags", new StringContent(Flag, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The engine starts it at its next look; the list shows it without a reload.
        await page.GotoAsync("/rollouts");
        ILocator row = page.GetByTestId("rollout-new-checkout-ramp");
        await row.WaitForAsync(new() { Timeout = 30_000 });
        (await row.InnerTextAsync()).ShouldContain("50% of 90%");
        (await row.InnerTextAsync()).ShouldContain("Running");
        await UiJourney.CheckPageAsync(page, "rollouts");

        // The team backfills the stage's history from its warehouse: each unit's arm, then the conversions.
        List<HistoryUnit> history = History();
        await ImportAsync(api, "exposures", history.Select(u =>
            $$"""{"id":"x-{{u.Id}}","unitId":"{{u.Id}}","timestamp":"{{At(u.ExposedAt)}}","experiment":"rollout:new-checkout:ramp","variation":"{{u.Arm}}"}"""));
        await ImportAsync(api, "events", history.Where(u => u.Converted).Select(u =>
            $$"""{"id":"e-{{u.Id}}","unitId":"{{u.Id}}","timestamp":"{{At(u.ExposedAt.AddMinutes(5))}}","event":"{{Conversion}}"}"""));

        // What the page must show, from the rows: units per arm, and the guardrail's change of the units with the
        // feature against the rest (not yet in and held back, pooled as the gates compare them).
        int unitsIn = history.Count(u => u.Arm == "in"), notYet = history.Count(u => u.Arm == "not-yet"), heldBack = history.Count(u => u.Arm == "holdback");
        double rateIn = history.Count(u => u.Arm == "in" && u.Converted) / (double)unitsIn;
        double rateWithout = history.Count(u => u.Arm != "in" && u.Converted) / (double)(notYet + heldBack);
        double change = (rateIn - rateWithout) / rateWithout;

        // The engine reads them at its next look (every two seconds here).
        for (int i = 0; i < 300; i++)
        {
            JsonElement rollout = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rollouts/production/new-checkout/ramp", Ct)).RootElement;
            if (rollout.TryGetProperty("units", out JsonElement units) && units.ValueKind == JsonValueKind.Object && units.GetProperty("in").GetInt64() == unitsIn)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        await row.GetByRole(AriaRole.Link, new() { Name = "new-checkout" }).ClickAsync();
        await page.Locator("[data-testid=rollout-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("stage").InnerTextAsync()).ShouldBe("Stage 1 of 3: 50% of 90%");
        (await page.GetByTestId("stage-1").GetAttributeAsync("aria-current")).ShouldBe("step");
        (await page.GetByTestId("status").InnerTextAsync()).ShouldBe("Running");
        (await page.GetByTestId("units").InnerTextAsync()).ShouldStartWith(
            $"Units in this stage: {Units(unitsIn)} got the feature, {Units(notYet)} not yet, {Units(heldBack)} held back.");
        ILocator gate = page.GetByTestId("gate-" + Metric);
        (await gate.GetByTestId("gate-estimate").InnerTextAsync()).ShouldBe(Change(change));
        (await gate.GetByTestId("gate-units").InnerTextAsync()).ShouldBe($"{Units(unitsIn)} / {Units(notYet + heldBack)}");
        await UiJourney.CheckPageAsync(page, "rollout-running");

        await page.GetByLabel("Reason (required)").FillAsync("Support tickets about checkout doubled");
        await page.GetByTestId("command-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Paused");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Support tickets about checkout doubled");
        await Assertions.Expect(page.GetByTestId("command-resume")).ToBeVisibleAsync();
        await UiJourney.CheckPageAsync(page, "rollout-paused");

        JsonElement audit = JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit?key=new-checkout", Ct)).RootElement;
        JsonElement paused = audit.EnumerateArray().First();
        (paused.GetProperty("action").GetString(), paused.GetProperty("reason").GetString()).ShouldBe(("rollout.pause", "ramp: Support tickets about checkout doubled"));
        paused.GetProperty("actor").GetString().ShouldNotBeNull().ShouldContain(UiJourney.AdminName);

        // A viewer sees the same page without a single button.
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("vera@example.com");
        await using IBrowserContext __ = viewerContext;
        await viewer.GotoAsync("/rollouts/production/new-checkout/ramp");
        await viewer.Locator("[data-testid=rollout-page][data-interactive=true]").WaitForAsync();
        (await viewer.GetByTestId("status").InnerTextAsync()).ShouldBe("Paused");
        (await viewer.GetByTestId("actions").CountAsync()).ShouldBe(0);
        (await viewer.Locator("[data-testid^=command-]").CountAsync()).ShouldBe(0);
    }
}
