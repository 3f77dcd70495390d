using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FailSmart.Web.Tests;

/// <summary>
/// Production needs approval; the admin API key (which may not bypass it) files change requests, and an
/// administrator approves, rejects and meets a conflict in the browser. A viewer only looks.
/// </summary>
public sealed class ChangeRequestsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Admin_approves_rejects_and_meets_a_conflict_and_a_viewer_only_looks()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        foreach (string flag in (string[])["checkout", "search", "banner"])
        {
            await CreateFlagAsync(flag);
        }

        // Nothing waits yet: the empty list says what change requests are for.
        await OpenAsync(page, "/change-requests");
        await Expect(page.GetByTestId("empty")).ToContainTextAsync("No change requests yet");
        await UiJourney.CheckPageAsync(page, "change-requests-empty");

        await OpenAsync(page, "/settings");
        ILocator production = page.GetByTestId("environment-production");
        await production.GetByRole(AriaRole.Switch).ClickAsync();
        await Expect(production.GetByTestId("approval-production")).ToHaveTextAsync("Yes");

        // A request filed through the API while the list is open appears without a reload.
        await OpenAsync(page, "/change-requests");
        await Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        long approved = await RequestToggleOnAsync("checkout", "Launch the one-page checkout");
        ILocator row = page.GetByTestId($"change-request-{approved}");
        await Expect(row).ToContainTextAsync("flag checkout");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Pending");
        await Expect(row).ToContainTextAsync("Launch the one-page checkout");
        await Expect(page.GetByTestId("pending-count")).ToHaveTextAsync("1 pending");
        await UiJourney.CheckPageAsync(page, "change-requests");

        // Open it: the diff shows production's enabled going from false to true; approving applies it.
        await row.GetByRole(AriaRole.Link, new() { Name = $"#{approved}" }).ClickAsync();
        await page.WaitForURLAsync($"{journey.Root}/change-requests/{approved}");
        ILocator diffRow = page.GetByTestId("diff-row").Filter(new() { HasText = "$.environments.production.enabled" });
        await Expect(diffRow).ToHaveCountAsync(1);
        (await diffRow.Locator("td").AllInnerTextsAsync()).ShouldBe(["$.environments.production.enabled", "false", "true"]);
        await UiJourney.CheckPageAsync(page, "change-request-pending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).ClickAsync();
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync($"Approved by {UiJourney.AdminName}");
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("applied at revision");
        await Expect(page.GetByTestId("status").First).ToHaveTextAsync("Applied");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" })).ToHaveCountAsync(0);
        await UiJourney.CheckPageAsync(page, "change-request-applied");

        (await ProductionEnabledAsync("checkout")).ShouldBeTrue();
        (await StatusAsync(approved)).ShouldBe("applied");
        JsonElement applied = (await AuditAsync("checkout")).First(e => e.GetProperty("environment").GetString() == "production");
        applied.GetProperty("approver").GetString().ShouldNotBeNull().ShouldContain(UiJourney.AdminEmail);
        applied.GetProperty("after").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeTrue();

        // A second request, rejected with a note, stays unapplied.
        long rejected = await RequestToggleOnAsync("search", "Try the new ranking");
        await OpenAsync(page, $"/change-requests/{rejected}");
        await page.GetByLabel("Note (optional)").FillAsync("Not during the sale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync($"Rejected by {UiJourney.AdminName}");
        await Expect(page.GetByTestId("decision-note")).ToHaveTextAsync("Not during the sale");
        await UiJourney.CheckPageAsync(page, "change-request-rejected");
        (await ProductionEnabledAsync("search")).ShouldBeFalse();
        (await StatusAsync(rejected)).ShouldBe("rejected");

        // A third, whose flag changes before it is approved, ends as a conflict and overwrites nothing.
        long conflicted = await RequestToggleOnAsync("banner", "Show the winter banner");
        await OpenAsync(page, $"/change-requests/{conflicted}");
        await Expect(page.GetByTestId("diff-row")).ToHaveCountAsync(1);
        long newer = await ToggleAsync("banner", "staging", true, HttpStatusCode.OK);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).ClickAsync();
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Conflict: the flag changed since this request was written, so nothing was overwritten.");
        await Expect(page.GetByTestId("status").First).ToHaveTextAsync("Conflict");
        await UiJourney.CheckPageAsync(page, "change-request-conflict");
        (await StatusAsync(conflicted)).ShouldBe("conflict");
        JsonElement banner = await FlagAsync("banner");
        banner.GetProperty("version").GetInt64().ShouldBe(newer);
        banner.GetProperty("document").GetProperty("environments").GetProperty("staging").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        banner.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeFalse();

        // The list: filtered by status through the URL, and all of them with the pending one first.
        long waiting = await RequestToggleOnAsync("search", "Second try at the new ranking");
        await OpenAsync(page, "/change-requests");
        await Expect(page.GetByTestId("change-requests").Locator("tbody tr")).ToHaveCountAsync(4);
        (await page.GetByTestId("change-requests").Locator("tbody tr").First.GetAttributeAsync("data-testid")).ShouldBe($"change-request-{waiting}");
        await page.GetByLabel("Status").SelectOptionAsync("rejected");
        await page.WaitForURLAsync($"{journey.Root}/change-requests?status=rejected");
        await Expect(page.GetByTestId("change-requests").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId($"change-request-{rejected}").GetByTestId("status")).ToHaveTextAsync("Rejected");
        await UiJourney.CheckPageAsync(page, "change-requests-rejected");

        // A viewer sees the waiting request but cannot decide it.
        await journey.AddPersonAsync("vic@example.com", "Vic Viewer", "viewer");
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("vic@example.com");
        await using IBrowserContext __ = viewerContext;
        await OpenAsync(viewer, "/change-requests");
        await Expect(viewer.GetByTestId($"change-request-{waiting}")).ToBeVisibleAsync();
        await OpenAsync(viewer, $"/change-requests/{waiting}");
        await Expect(viewer.GetByTestId("outcome")).ToContainTextAsync("Waiting for approval");
        await Expect(viewer.GetByTestId("diff-row")).ToHaveCountAsync(1);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Withdraw" })).ToHaveCountAsync(0);
        await UiJourney.CheckPageAsync(viewer, "change-request-viewer");
    }

    private async Task CreateFlagAsync(string key)
    {
        using HttpClient api = journey.Server.AdminApi();
        var part = new { enabled = false, offVariation = "off", defaultVariation = "on" };
        using HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/flags", new
        {
            key,
            type = "boolean",
            variations = new object[] { new { key = "off", value = false }, new { key = "on", value = true } },
            environments = new Dictionary<string, object> { ["development"] = part, ["staging"] = part, ["production"] = part },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    // The admin key may not bypass approval, so turning a flag on in production files a change request.
    private async Task<long> RequestToggleOnAsync(string flag, string reason)
    {
        using HttpClient api = journey.Server.AdminApi();
        using HttpResponseMessage response = await api.PostAsJsonAsync(
            $"/api/v1/flags/{flag}/environments/production/toggle", new { enabled = true, reason }, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        JsonElement request = JsonDocument.Parse(body).RootElement;
        request.GetProperty("status").GetString().ShouldBe("pending");
        return request.GetProperty("id").GetInt64();
    }

    // Returns the flag's version after the toggle.
    private async Task<long> ToggleAsync(string flag, string environment, bool enabled, HttpStatusCode expected)
    {
        using HttpClient api = journey.Server.AdminApi();
        using HttpResponseMessage response = await api.PostAsJsonAsync($"/api/v1/flags/{flag}/environments/{environment}/toggle", new { enabled }, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64();
    }

    private async Task<JsonElement> FlagAsync(string flag)
    {
        using HttpClient api = journey.Server.AdminApi();
        return await api.GetFromJsonAsync<JsonElement>($"/api/v1/flags/{flag}", Ct);
    }

    private async Task<bool> ProductionEnabledAsync(string flag) =>
        (await FlagAsync(flag)).GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean();

    private async Task<string?> StatusAsync(long request)
    {
        using HttpClient api = journey.Server.AdminApi();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/v1/change-requests/{request}", Ct)).GetProperty("status").GetString();
    }

    private async Task<List<JsonElement>> AuditAsync(string key)
    {
        using HttpClient api = journey.Server.AdminApi();
        return (await api.GetFromJsonAsync<List<JsonElement>>($"/api/v1/audit?key={key}", Ct)).ShouldNotBeNull();
    }

    // Waits until the page runs on its live connection; a click before that would post the form to the server instead.
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").WaitForAsync();
    }
}
