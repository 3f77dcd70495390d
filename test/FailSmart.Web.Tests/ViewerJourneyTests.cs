using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// A viewer cannot change anything: no page offers a control that changes configuration, and the same
/// change sent directly with the viewer's session is refused and changes nothing. Every page also passes
/// axe-core, as an administrator sees it (with every control) and as a viewer does.
/// </summary>
public sealed class ViewerJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static readonly string[] s_pages =
    [
        "/", "/flags", "/flags/new", "/flags/banner", "/segments", "/segments/staff", "/holdouts", "/layers", "/metrics",
        "/change-requests", "/audit", "/api-keys", "/settings", "/experiments", "/collisions",
    ];

    // Buttons that change configuration, by their visible names on the pages.
    private static readonly string[] s_changeButtons =
    [
        "New flag", "Turn on", "Turn off", "Save changes", "Archive", "Unarchive", "New segment", "Create", "Add rule",
        "Approve and apply", "Reject", "Withdraw", "Create key", "Revoke", "Add person", "Add environment", "Change access",
    ];

    [Fact]
    public async Task A_viewer_sees_no_control_that_changes_anything_and_a_direct_request_is_refused()
    {
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        using HttpClient api = journey.Server.AdminApi();
        await SetUpAsync(api);

        (IBrowserContext context, IPage page) = await journey.SignInAsync("vera@example.com");
        foreach (string path in s_pages.Where(p => p != "/flags/new"))
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (string name in s_changeButtons)
            {
                (await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).CountAsync()).ShouldBe(0, $"'{name}' on {path} for a viewer");
            }
        }

        // The same change, sent directly with the viewer's session: the API does not take a session at all.
        string cookie = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var direct = new HttpClient { BaseAddress = journey.Server.Address };
        direct.DefaultRequestHeaders.Add("Cookie", cookie);
        using HttpResponseMessage refused = await direct.PostAsync(
            "/api/v1/flags/banner/environments/production/toggle", Json("""{"enabled":true}"""), UiJourney.Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonElement flag = JsonDocument.Parse(await api.GetStringAsync("/api/v1/flags/banner", UiJourney.Ct)).RootElement;
        flag.GetProperty("version").GetInt64().ShouldBe(1);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        using HttpClient api = journey.Server.AdminApi();
        await SetUpAsync(api);
        foreach (string path in s_pages)
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await UiJourney.CheckPageAsync(page, "every-page" + (path == "/" ? "-home" : path.Replace('/', '-')));
        }

        await context.DisposeAsync();
    }

    // A flag with a rule on a segment, so the pages show something; the tests of this class share one server.
    private static async Task SetUpAsync(HttpClient api)
    {
        using HttpResponseMessage segment = await api.PostAsync("/api/v1/segments", Json("""{"key":"staff","ids":["u1"]}"""), UiJourney.Ct);
        segment.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        using HttpResponseMessage flag = await api.PostAsync("/api/v1/flags", Json("""
            {"key":"banner","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[{"id":"staff","segments":["staff"],"rollout":{"variation":"on","percentage":100}}]}}}
            """), UiJourney.Ct);
        flag.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
