using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>An admin seeds a guarded rollout through the API, watches the engine start it, and pauses it with a reason; a viewer sees no buttons.</summary>
public sealed class RolloutJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Flag = """
        {"key":"new-checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
           "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{
             "stages":[{"percentage":1},{"percentage":10,"requiresApproval":true},{"percentage":100}]} } }]} } }
        """;

    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Admin_pauses_a_guarded_rollout_with_a_reason_and_the_page_and_audit_show_it()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        (await api.PostAsync("/api/v1/flags", new StringContent(Flag, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The engine starts it at its next look; the list shows it without a reload.
        await page.GotoAsync("/rollouts");
        ILocator row = page.GetByTestId("rollout-new-checkout-ramp");
        await row.WaitForAsync(new() { Timeout = 30_000 });
        (await row.InnerTextAsync()).ShouldContain("1% of 99%");
        (await row.InnerTextAsync()).ShouldContain("Running");
        await UiJourney.CheckPageAsync(page, "rollouts");

        await row.GetByRole(AriaRole.Link, new() { Name = "new-checkout" }).ClickAsync();
        await page.Locator("[data-testid=rollout-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("stage").InnerTextAsync()).ShouldBe("Stage 1 of 3: 1% of 99%");
        (await page.GetByTestId("stage-1").GetAttributeAsync("aria-current")).ShouldBe("step");
        (await page.GetByTestId("status").InnerTextAsync()).ShouldBe("Running");
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
