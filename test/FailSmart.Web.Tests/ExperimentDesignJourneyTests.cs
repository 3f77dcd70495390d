using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// Designing an experiment in the wizard (hypothesis, metrics, flag, layer allocation on the bucket map, plan)
/// and launching it from its checklist; then a start the collision guard refuses, naming the other trial, that
/// an admin acknowledges as a deliberate second step; and a viewer who sees the checklist without the buttons.
/// </summary>
public sealed class ExperimentDesignJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    private static string Flag(string key, string rules = "") => $$$"""
        {"key":"{{{key}}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{{{rules}}}]},
                         "staging":{"enabled":false,"offVariation":"off","defaultVariation":"off","rules":[]} } }
        """;

    [Fact]
    public async Task Design_in_the_wizard_is_stored_as_a_draft_with_its_flag_rule_and_starts_from_the_launch_checklist()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/metrics", """{"key":"retention-d7","type":"conversion","event":"return","role":"primary"}""");
        await PostAsync(api, "/api/v1/metrics", """{"key":"errors","type":"count","event":"error","role":"guardrail","nonInferiorityMargin":0.02}""");
        await PostAsync(api, "/api/v1/layers", """{"key":"home","salt":"home-salt","hashAttribute":"id"}""");
        await PostAsync(api, "/api/v1/experiments",
            """{"key":"onboarding-tour","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"layer":{"key":"home","buckets":[0,3000]},"status":"draft"}""");
        await PostAsync(api, "/api/v1/flags", Flag("home-banner"));

        await page.GotoAsync("/experiments/new");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "experiment-wizard-start");

        // 1. Hypothesis, with a key the server will refuse.
        await page.Locator("#experiment-key").FillAsync("Banner Retention");
        await page.Locator("#experiment-hypothesis").FillAsync("A returning-user banner on the home page brings more users back within a week.");
        await page.GetByTestId("primary-metric").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "retention-d7 (conversion)", Exact = true }).ClickAsync();
        await UiJourney.CheckPageAsync(page, "experiment-wizard-hypothesis");

        // 2. Metrics.
        await page.GetByTestId("next").ClickAsync();
        await page.GetByTestId("guardrails").GetByRole(AriaRole.Checkbox, new() { Name = "errors" }).CheckAsync();

        // 3. Flag and variations: the flag's own, split evenly.
        await page.GetByTestId("next").ClickAsync();
        await page.GetByTestId("flag").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "home-banner", Exact = true }).ClickAsync();
        (await page.Locator("#weight-off").InputValueAsync()).ShouldBe("50");

        // 4. Layer and allocation, drawn on the layer's bucket map next to the span already taken.
        await page.GetByTestId("next").ClickAsync();
        await page.GetByTestId("layer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "home (hashes id)", Exact = true }).ClickAsync();
        await page.Locator("#bucket-from").FillAsync("2000");
        await page.Locator("#bucket-to").FillAsync("4000");
        await page.Locator("#bucket-to").BlurAsync();
        await Assertions.Expect(page.GetByTestId("proposed-span")).ToContainTextAsync("They overlap 'onboarding-tour'");
        await page.Locator("#bucket-from").FillAsync("3000");
        await page.Locator("#bucket-to").FillAsync("5000");
        await page.Locator("#bucket-to").BlurAsync();
        await Assertions.Expect(page.GetByTestId("proposed-span")).ToContainTextAsync("would take buckets 3,000 – 5,000 (20% of the layer, outlined above). They are free.");
        (await page.GetByTestId("allocation").InnerTextAsync()).ShouldBe("It enrols 20% of the traffic that reaches its rule.");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-allocation");

        // 5. Plan: no data for the metric yet, so the numbers are entered by hand.
        await page.GetByTestId("next").ClickAsync();
        (await page.GetByTestId("baseline-source").InnerTextAsync()).ShouldStartWith("There is no recent data for 'retention-d7' in production yet");
        await page.Locator("#plan-baseline").FillAsync("0.3");
        await page.Locator("#plan-units").FillAsync("20000");
        await page.Locator("#plan-units").BlurAsync();
        ILocator mine = page.GetByTestId("plan-row-mine");
        await Assertions.Expect(mine.Locator("th")).ToHaveTextAsync("20% (this experiment)");
        await Assertions.Expect(page.GetByTestId("plan-row")).ToHaveCountAsync(6);
        // The same computation as `failsmart stats plan`: 0.3 × 2% = 0.006 at 10% a side of 20,000 a day.
        (await mine.Locator("td").Nth(1).InnerTextAsync()).ShouldBe("46");
        // Were it a launch of two features: (z₀.₉₇₅ + z₀.₈)² · 4^order · 0.21 / 0.006², rounded up to whole units in each of the
        // 4 cells (scipy.stats.norm.ppf), is 183,144 units for a main effect and 732,564 for an interaction, at 4,000 a day.
        string factorial = await page.GetByTestId("plan-factorial").InnerTextAsync();
        factorial.ShouldContain("183,144 units (about 46 days)");
        factorial.ShouldContain("732,564 units (about 184 days), about four times as many");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-plan");

        // 6. Review and save: the refused key is shown next to its field, on its step.
        await page.GetByTestId("next").ClickAsync();
        await page.GetByTestId("save-experiment").ClickAsync();
        await page.Locator("#key-error").WaitForAsync();
        (await page.Locator("#key-error").InnerTextAsync()).ShouldStartWith("'Banner Retention' is not a valid key.");
        (await page.Locator("#experiment-key").GetAttributeAsync("aria-describedby"))!.ShouldContain("key-error");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-key-error");
        (await api.GetAsync("/api/v1/experiments/Banner%20Retention", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await page.Locator("#experiment-key").FillAsync("banner-retention");
        await page.GetByTestId("step-6").ClickAsync();
        (await page.GetByTestId("review").InnerTextAsync()).ShouldContain("'retention-d7' will rise by at least 2%");
        await page.GetByTestId("save-experiment").ClickAsync();
        await page.WaitForURLAsync(journey.Root + "/experiments/banner-retention/launch");

        JsonElement stored = (await GetAsync(api, "/api/v1/experiments/banner-retention")).GetProperty("document");
        stored.GetProperty("status").GetString().ShouldBe("draft");
        stored.GetProperty("hashAttribute").GetString().ShouldBe("id");
        stored.GetProperty("layer").GetProperty("buckets").EnumerateArray().Select(b => b.GetInt32()).ShouldBe([3000, 5000]);
        stored.GetProperty("variations").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("weight").GetDouble())).ShouldBe([("off", 0.5), ("on", 0.5)]);
        stored.GetProperty("metrics").GetRawText().ShouldBe("""[{"key":"retention-d7","role":"primary","minimumEffect":0.02},{"key":"errors","role":"guardrail"}]""");
        JsonElement rule = (await GetAsync(api, "/api/v1/flags/home-banner")).GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("rules")
            .EnumerateArray().ShouldHaveSingleItem();
        (rule.GetProperty("id").GetString(), rule.GetProperty("experiment").GetProperty("key").GetString()).ShouldBe(("experiment-banner-retention", "banner-retention"));

        // The launch checklist, then Start with a reason.
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("check-collisions")).ToHaveAttributeAsync("data-state", "passed");
        await Assertions.Expect(page.GetByTestId("check-hypothesis")).ToContainTextAsync("Expects 'retention-d7' to rise by at least 2%.");
        await Assertions.Expect(page.GetByTestId("check-flag")).ToContainTextAsync("Runs on flag 'home-banner' (rule 'experiment-banner-retention') in production.");
        await UiJourney.CheckPageAsync(page, "experiment-launch");
        await page.GetByTestId("reason").FillAsync("Plan reviewed: about 46 days at 20% of traffic.");
        await page.GetByTestId("start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToHaveTextAsync("Started: 'banner-retention' now assigns units.");
        (await GetAsync(api, "/api/v1/experiments/banner-retention")).GetProperty("document").GetProperty("status").GetString().ShouldBe("running");
        JsonElement audit = await GetAsync(api, "/api/v1/audit?kind=experiment&key=banner-retention");
        audit[0].GetProperty("reason").GetString().ShouldBe("Plan reviewed: about 46 days at 20% of traffic.");
    }

    [Fact]
    public async Task A_start_that_would_share_units_with_a_trial_outside_the_layer_is_refused_naming_it_until_an_admin_acknowledges()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/layers", """{"key":"checkout","salt":"checkout-salt","hashAttribute":"account"}""");
        await PostAsync(api, "/api/v1/experiments",
            """{"key":"no-ads","hashAttribute":"account","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"running"}""");
        await PostAsync(api, "/api/v1/flags", Flag("ads", """{"id":"r1","experiment":{"key":"no-ads"}}"""));
        await PostAsync(api, "/api/v1/experiments",
            """{"key":"one-page-checkout","hashAttribute":"account","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"layer":{"key":"checkout","buckets":[0,5000]},"status":"draft"}""");
        await PostAsync(api, "/api/v1/flags", Flag("checkout-flow", """{"id":"r1","experiment":{"key":"one-page-checkout"}}"""));

        await page.GotoAsync("/experiments/one-page-checkout/launch");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        ILocator collisions = page.GetByTestId("check-collisions");
        await Assertions.Expect(collisions).ToHaveAttributeAsync("data-state", "failed");
        await Assertions.Expect(collisions).ToContainTextAsync("Starting it would let it share units with experiment 'no-ads' in production");

        await page.GetByTestId("reason").FillAsync("Plan reviewed");
        await page.GetByTestId("start").ClickAsync();
        await page.GetByTestId("collisions").WaitForAsync();
        (await page.GetByTestId("problem").InnerTextAsync()).ShouldStartWith("The change would let trials share units.");
        (await page.GetByTestId("collisions").InnerTextAsync()).ShouldContain(
            "production: Experiment 'no-ads' and experiment 'one-page-checkout' both assign by 'account', their audiences can overlap, and no layer keeps them apart.");
        await UiJourney.CheckPageAsync(page, "experiment-launch-collision");
        (await GetAsync(api, "/api/v1/experiments/one-page-checkout")).GetProperty("document").GetProperty("status").GetString().ShouldBe("draft");

        // The deliberate second step: acknowledge, with the reason kept in the audit log.
        await Assertions.Expect(page.GetByTestId("start-anyway")).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "I understand these trials will share units" }).CheckAsync();
        await page.GetByTestId("reason").FillAsync("No-ads ends before checkout is read out; both analysed with the overlap in mind.");
        await page.GetByTestId("start-anyway").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToHaveTextAsync("Started: 'one-page-checkout' now assigns units.");
        (await GetAsync(api, "/api/v1/experiments/one-page-checkout")).GetProperty("document").GetProperty("status").GetString().ShouldBe("running");
        (await GetAsync(api, "/api/v1/audit?kind=experiment&key=one-page-checkout"))[0].GetProperty("reason").GetString().ShouldBe(
            "No-ads ends before checkout is read out; both analysed with the overlap in mind. Acknowledged collisions: no-ads with experiment one-page-checkout in production.");

        // A viewer reads the checklist but gets no buttons.
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("vera@example.com");
        await using IBrowserContext __ = viewerContext;
        await viewer.GotoAsync("/experiments/one-page-checkout/launch");
        await viewer.Locator("section[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(viewer.GetByTestId("checklist").Locator("li")).ToHaveCountAsync(6);
        await Assertions.Expect(viewer.GetByTestId("actions")).ToHaveCountAsync(0);
        await UiJourney.CheckPageAsync(viewer, "experiment-launch-viewer");
    }

    private static async Task PostAsync(HttpClient api, string path, string json)
    {
        using HttpResponseMessage response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using HttpResponseMessage response = await api.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
