using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>A viewer reads segments, holdouts, layers and metric definitions, and finds no control to change them.</summary>
public sealed class ResourcesViewerJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task A_viewer_sees_shared_resources_without_controls_to_change_them()
    {
        await journey.EnsureStartedAsync();
        using HttpClient api = journey.Server.AdminApi();
        (await api.PostAsync("/api/v1/segments", Json("""{"key": "viewer-visible", "attribute": "id", "ids": ["u-1"]}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        (IBrowserContext context, IPage page) = await journey.SignInAsync("vera@example.com");
        await using IBrowserContext _ = context;

        foreach (string list in new[] { "segments", "holdouts", "layers", "metrics" })
        {
            await page.GotoAsync("/" + list);
            await ReadyAsync(page);
            (await page.GetByTestId("create").CountAsync()).ShouldBe(0, list);
        }

        await page.GotoAsync("/segments");
        await page.GetByTestId("row-viewer-visible").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "segment-list-viewer");
        await page.GotoAsync("/segments/viewer-visible");
        await ReadyAsync(page);
        (await page.Locator("#field-ids").InputValueAsync()).ShouldBe("u-1");
        (await page.GetByTestId("save").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("archive").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("unarchive").CountAsync()).ShouldBe(0);
        (await page.Locator("#field-ids").GetAttributeAsync("readonly")).ShouldNotBeNull();
        await UiJourney.CheckPageAsync(page, "segment-viewer");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task ReadyAsync(IPage page) => page.Locator("h1[data-interactive=true]").WaitForAsync();
}
