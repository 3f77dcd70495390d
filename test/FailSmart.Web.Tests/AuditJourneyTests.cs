using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>Changes by an API key and by a person in the browser, found in the audit log by person and by resource, with their diff.</summary>
public sealed class AuditJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Entries_are_filtered_by_person_and_resource_and_show_their_diff()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        (await api.PostAsync("/api/v1/segments", Json("""{"key": "staff", "description": "Employees", "condition": {"email": {"$regex": "@example\\.com$"}}}"""), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/api/v1/layers", Json("""{"key": "search"}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Ada changes the segment's description in the browser.
        await page.GotoAsync("/segments/staff");
        await ReadyAsync(page);
        await page.Locator("#field-description").FillAsync("Employees and contractors");
        await page.GetByTestId("save").ClickAsync();
        await page.GetByTestId("saved").WaitForAsync();

        await page.GotoAsync("/audit");
        await ReadyAsync(page);
        await page.GetByTestId("audit-table").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "audit-log");

        // Live: a change through the API appears without a reload.
        (await api.PostAsync("/api/v1/holdouts", Json("""{"key": "quarter", "buckets": [0, 100]}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await page.Locator("[data-testid=resource]", new() { HasText = "quarter" }).WaitForAsync();

        // By person: only Ada's change.
        await page.Locator("#audit-person").FillAsync("ada lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("person=ada"));
        await page.Locator(".fs-audit-row").First.WaitForAsync();
        await Expect(page.Locator(".fs-audit-row")).ToHaveCountAsync(1);
        (await page.GetByTestId("actor").InnerTextAsync()).ShouldContain("Ada Lovelace");
        (await page.GetByTestId("resource").InnerTextAsync()).ShouldBe("segment staff");

        // By resource: the segment's two entries, newest first, by the person and the key.
        await page.Locator("#audit-person").FillAsync("");
        await page.Locator("#audit-kind").SelectOptionAsync("segment");
        await page.Locator("#audit-key").FillAsync("staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator(".fs-audit-row")).ToHaveCountAsync(2);
        (await page.GetByTestId("action").AllInnerTextsAsync()).ShouldBe(["update", "create"]);
        string[] actors = [.. await page.GetByTestId("actor").AllInnerTextsAsync()];
        actors[0].ShouldContain("Ada Lovelace");
        actors[1].ShouldNotContain("Ada Lovelace");
        (await page.Locator(".fs-audit-row").First.GetByRole(AriaRole.Link, new() { Name = "staff" }).GetAttributeAsync("href")).ShouldBe("/segments/staff");

        await page.Locator(".fs-audit-row").First.GetByTestId("show-diff").ClickAsync();
        ILocator lines = page.GetByTestId("diff-line");
        await lines.First.WaitForAsync();
        (await lines.AllInnerTextsAsync()).Select(l => l.Replace('\t', '|')).ShouldBe(["$.description|\"Employees\"|\"Employees and contractors\""]);
        await UiJourney.CheckPageAsync(page, "audit-diff");

        // The filters are in the URL, so the view can be shared.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("kind=segment&key=staff"));
        await page.ReloadAsync();
        await Expect(page.Locator(".fs-audit-row")).ToHaveCountAsync(2);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task ReadyAsync(IPage page) => page.Locator("h1[data-interactive=true]").WaitForAsync();
}
