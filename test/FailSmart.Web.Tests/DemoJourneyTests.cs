using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>The first administrator of a fresh server loads the demo from the home page and lands on its story.</summary>
public sealed class DemoJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_admin_loads_the_demo_and_lands_on_the_story_which_viewers_also_read()
    {
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");

        // A viewer is not offered the demo, even while the configuration is empty.
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("vera@example.com");
        await using (viewerContext)
        {
            await viewer.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Vera Viewer" }).WaitForAsync();
            (await viewer.GetByTestId("load-demo").CountAsync()).ShouldBe(0);
        }

        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using (context)
        {
            await page.GetByTestId("demo-offer").WaitForAsync();
            (await page.GetByTestId("demo-story").CountAsync()).ShouldBe(0);
            await UiJourney.CheckPageAsync(page, "home-demo-offer");

            // The form's answer, the story page, comes once the demo is generated: up to minutes on a busy machine.
            context.SetDefaultNavigationTimeout(300_000);
            context.SetDefaultTimeout(300_000);
            await page.GetByRole(AriaRole.Button, new() { Name = "Load demo data" }).ClickAsync();
            await page.WaitForURLAsync(journey.Root + "/?demo=story");
            ILocator story = page.GetByTestId("demo-story");
            await story.WaitForAsync();
            (await story.GetByRole(AriaRole.Heading).InnerTextAsync()).ShouldBe("The demo's story");
            (await story.InnerTextAsync()).ShouldContain("its true effect is −2%");
            (await story.GetByRole(AriaRole.Link, new() { Name = "A launch that looks like a win and is not." }).GetAttributeAsync("href")).ShouldBe("/experiments/new-home");
            (await story.GetByRole(AriaRole.Link, new() { Name = "A rollout that stopped itself." }).GetAttributeAsync("href")).ShouldBe("/rollouts/production/video-player/ramp");
            (await page.GetByTestId("load-demo").CountAsync()).ShouldBe(0);
            await page.GetByText("Every planted effect").ClickAsync();
            (await page.GetByTestId("demo-effects").Locator("tbody tr").CountAsync()).ShouldBe(35);
            await UiJourney.CheckPageAsync(page, "home-demo-story");

            // The story's launch: the red banner names the trial its cohort came from, and every effect is greyed out.
            await story.GetByRole(AriaRole.Link, new() { Name = "A launch that looks like a win and is not." }).ClickAsync();
            await page.Locator("[data-testid=results-page][data-interactive=true][data-loaded=true]").WaitForAsync();
            ILocator banner = page.GetByTestId("check-experiment-dependency");
            (await banner.GetAttributeAsync("data-severity")).ShouldBe("red");
            (await banner.GetByTestId("other-experiment").InnerTextAsync()).ShouldBe("no-ads");
            (await page.GetByTestId("verdict").GetAttributeAsync("data-decision")).ShouldBe("invalid");
            ILocator metrics = page.Locator("section[data-testid^=metric-]");
            (await metrics.CountAsync()).ShouldBeGreaterThan(0);
            (await metrics.EvaluateAllAsync<string[]>("ms => ms.map(m => m.dataset.trusted)")).ShouldAllBe(t => t == "false");
            (await page.GetByTestId("do-not-trust").CountAsync()).ShouldBe(await metrics.CountAsync());
            await UiJourney.CheckPageAsync(page, "demo-contaminated-launch");
        }

        // What the story points at is stored: the launch's results name the trial it depends on.
        using HttpClient api = journey.Server.AdminApi();
        using HttpResponseMessage results = await api.GetAsync(new Uri("/api/v1/experiments/new-home/results", UriKind.Relative), Ct);
        string body = await results.Content.ReadAsStringAsync(Ct);
        results.IsSuccessStatusCode.ShouldBeTrue(body);
        JsonDocument.Parse(body).RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => w.TryGetProperty("otherExperiment", out JsonElement other) && other.ValueKind == JsonValueKind.String ? other.GetString() : null)
            .ShouldContain("no-ads");
    }
}
