using System.Globalization;
using System.Net;
using System.Text.Json;
using FailSmart.Application.Experiments;
using Microsoft.Playwright;
using static FailSmart.Web.Tests.ResultsSeed;

namespace FailSmart.Web.Tests;

/// <summary>
/// Designing a factorial launch in the experiment wizard: picking three boolean flags, the server's refusals of too
/// few features and of a shared seed shown next to their fields (nothing written), the plan for three features, and the
/// launch created with its eight cells and each feature's flag given the launch's rule.
/// </summary>
public sealed class FactorialWizardJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Key = "spring-release";
    private static CancellationToken Ct => UiJourney.Ct;

    private static string BooleanFlag(string key) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[]} } }
        """;

    [Fact]
    public async Task A_factorial_launch_of_three_flags_is_designed_in_the_wizard_and_created_with_eight_cells()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/metrics", """{"key":"checkout-conversion","type":"conversion","event":"purchase","role":"primary"}""");
        foreach (string flag in new[] { "search", "badges", "ranking" })
        {
            await PostAsync(api, "/api/v1/flags", BooleanFlag(flag));
        }

        // A string flag cannot be switched on and off, so it is not offered as a feature.
        await PostAsync(api, "/api/v1/flags", """
            {"key":"theme","type":"string","variations":[{"key":"light","value":"light"},{"key":"dark","value":"dark"}],
             "environments":{"production":{"enabled":true,"offVariation":"light","defaultVariation":"light","rules":[]}}}
            """);

        await page.GotoAsync("/experiments/new");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await page.Locator("#experiment-key").FillAsync(Key);
        await page.Locator("#experiment-hypothesis").FillAsync("The new search, seller badges and ranking each raise checkout conversion.");
        await page.GetByTestId("primary-metric").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "checkout-conversion (conversion)", Exact = true }).ClickAsync();
        await page.GetByTestId("step-3").ClickAsync();

        // 3. Several features launched together: the boolean flags are offered, the string flag is not.
        await page.GetByLabel("Several features launched together (factorial)").CheckAsync();
        ILocator features = page.GetByTestId("launch-features");
        await Assertions.Expect(features.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(3);
        (await features.GetByRole(AriaRole.Checkbox, new() { Name = "theme" }).CountAsync()).ShouldBe(0);
        await features.GetByRole(AriaRole.Checkbox, new() { Name = "search" }).CheckAsync();
        await Assertions.Expect(page.GetByTestId("launch-cells")).ToHaveTextAsync("Pick 2 to 5 features: 1 picked.");

        // One feature is not a launch: the server refuses it, the wizard shows why next to the features, and nothing is written.
        await page.GetByTestId("step-6").ClickAsync();
        await page.GetByTestId("save-experiment").ClickAsync();
        await Assertions.Expect(page.Locator("#features-error")).ToHaveTextAsync(
            "A factorial launch crosses 2 to 5 features; this one has 1. Add the features the launch bundles, or make it an ordinary experiment.");
        (await api.GetAsync($"/api/v1/experiments/{Key}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Three features, the third given the second's default seed: the server refuses the shared seed at its field.
        await features.GetByRole(AriaRole.Checkbox, new() { Name = "badges" }).CheckAsync();
        await features.GetByRole(AriaRole.Checkbox, new() { Name = "ranking" }).CheckAsync();
        await page.Locator("#seed-ranking").FillAsync($"{Key}:badges");
        await page.GetByTestId("step-6").ClickAsync();
        await page.GetByTestId("save-experiment").ClickAsync();
        await Assertions.Expect(page.Locator("#seed-error-2")).ToHaveTextAsync(
            $"Seed '{Key}:badges' is used by two features, so they would be on and off together. Give each feature its own seed, or leave \"seed\" out for the default.");
        (await page.Locator("#seed-ranking").GetAttributeAsync("aria-describedby"))!.ShouldContain("seed-error-2");
        (await api.GetAsync($"/api/v1/experiments/{Key}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await page.Locator("#seed-ranking").FillAsync("ranking-2026");
        await page.Locator("#seed-ranking").BlurAsync();
        // The seed answered the problem, so it goes.
        await Assertions.Expect(page.Locator("#seed-error-2")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("launch-cells")).ToContainTextAsync("3 features make 8 cells, 000 to 111, each with 12.5% of the enrolled units");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-factorial");

        // 5. Plan: the launch's own three features at its allocation (100%), as FactorialPlanner computes them.
        await page.GetByTestId("step-5").ClickAsync();
        await page.Locator("#plan-baseline").FillAsync("0.25");
        await page.Locator("#plan-units").FillAsync("20000");
        await page.Locator("#plan-units").BlurAsync();
        var input = new PlanInput(0.25, null, true, 20_000, 0.02, 1, PlanInput.DefaultAllocations);
        FactorialPlanRow three = FactorialPlanner.Plan(input, 3, 1)!;
        // (z₀.₉₇₅ + z₀.₈)² · 4^order · 0.1875 / 0.005², rounded up to whole units in each of 8 cells: 235,472 and 941,872 units.
        // With two features (4 cells) they would be 235,468 and 941,868, so the line shows which count it planned for.
        (three.MainEffectUnits, three.InteractionUnits).ShouldBe((235_472L, 941_872L));
        ILocator plan = page.GetByTestId("plan-factorial");
        await Assertions.Expect(plan).ToHaveAttributeAsync("data-features", "3");
        string line = await plan.InnerTextAsync();
        line.ShouldStartWith("This launch crosses 3 features.");
        line.ShouldContain($"{N(three.MainEffectUnits)} units (about {three.MainEffectDays} days)");
        line.ShouldContain($"{N(three.InteractionUnits)} units (about {three.InteractionDays} days), about four times as many");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-factorial-plan");

        // 6. Review and save.
        await page.GetByTestId("step-6").ClickAsync();
        string review = await page.GetByTestId("review").InnerTextAsync();
        review.ShouldContain($"flags 'search', 'badges', 'ranking' in production, rule 'experiment-{Key}' on each");
        review.ShouldContain("8 cells of a factorial launch (000 to 111), 12.5% each");
        await page.GetByTestId("save-experiment").ClickAsync();
        await page.WaitForURLAsync(journey.Root + $"/experiments/{Key}/launch");

        JsonElement stored = (await GetAsync(api, $"/api/v1/experiments/{Key}")).GetProperty("document");
        stored.GetProperty("status").GetString().ShouldBe("draft");
        stored.TryGetProperty("variations", out JsonElement variations).ShouldBeFalse(variations.ToString());
        stored.GetProperty("factorial").GetProperty("features").GetRawText().ShouldBe(
            """[{"flag":"search"},{"flag":"badges"},{"flag":"ranking","seed":"ranking-2026"}]""");
        // The cells, as the results read them: one per combination of the three features, in equal shares.
        JsonElement results = await GetAsync(api, $"/api/v1/experiments/{Key}/results?environment=production");
        results.GetProperty("factorial").GetProperty("features").EnumerateArray().Select(f => f.GetString()).ShouldBe(["search", "badges", "ranking"]);
        results.GetProperty("variations").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("plannedWeight").GetDouble()))
            .ShouldBe([("000", 0.125), ("001", 0.125), ("010", 0.125), ("011", 0.125), ("100", 0.125), ("101", 0.125), ("110", 0.125), ("111", 0.125)]);
        foreach (string flag in new[] { "search", "badges", "ranking" })
        {
            JsonElement rule = (await GetAsync(api, $"/api/v1/flags/{flag}")).GetProperty("document").GetProperty("environments").GetProperty("production")
                .GetProperty("rules").EnumerateArray().ShouldHaveSingleItem();
            (rule.GetProperty("id").GetString(), rule.GetProperty("experiment").GetProperty("key").GetString()).ShouldBe(($"experiment-{Key}", Key));
        }

        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "experiment-launch-factorial");
    }

    private static string N(long units) => units.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using HttpResponseMessage response = await api.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
