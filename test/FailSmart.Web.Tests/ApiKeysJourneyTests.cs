using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>An administrator creates a key in the browser: its secret is shown once, works, and is gone after; revoking it stops it.</summary>
public sealed class ApiKeysJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task A_key_secret_is_shown_once_works_and_stops_when_revoked()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        await page.GotoAsync("/api-keys");
        await ReadyAsync(page);
        await page.GetByTestId("key-table").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "api-key-list");

        // A key without a name is refused at the name field, in the service's words.
        await page.Locator("#key-kind").SelectOptionAsync("admin");
        await page.GetByTestId("create-key").ClickAsync();
        await page.Locator("#key-name-error").WaitForAsync();
        (await page.Locator("#key-name-error").InnerTextAsync()).Trim()
            .ShouldBe("A name of 1 to 100 characters is required. Name the key after what uses it, for example 'checkout-service production'.");
        await UiJourney.CheckPageAsync(page, "api-key-field-error");

        await page.Locator("#key-name").FillAsync("release-pipeline");
        await page.GetByTestId("create-key").ClickAsync();
        ILocator secretText = page.GetByTestId("secret");
        await secretText.WaitForAsync();
        string secret = (await secretText.InnerTextAsync()).Trim();
        secret.ShouldStartWith("fs_admin_");
        (await page.GetByRole(AriaRole.Dialog).InnerTextAsync()).ShouldContain("You will not see it again.");
        await UiJourney.CheckPageAsync(page, "api-key-secret-dialog");

        using HttpClient client = new() { BaseAddress = journey.Server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync("/api/v1/api-keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.GetByTestId("close-secret").ClickAsync();
        await secretText.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.GetByTestId("key-message").InnerTextAsync()).ShouldContain("release-pipeline");
        (await page.ContentAsync()).ShouldNotContain(secret);
        ILocator row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "release-pipeline", Exact = true }) });
        (await row.InnerTextAsync()).ShouldContain("admin");
        (await row.GetByTestId("status").InnerTextAsync()).ShouldBe("active");
        await page.ReloadAsync();
        await ReadyAsync(page);
        await row.WaitForAsync();
        (await page.ContentAsync()).ShouldNotContain(secret);
        (await page.ContentAsync()).ShouldNotContain(secret.Split('_')[^1]);
        await UiJourney.CheckPageAsync(page, "api-key-created");

        await row.GetByTestId("revoke").ClickAsync();
        ILocator dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        (await dialog.InnerTextAsync()).ShouldContain("release-pipeline");
        await UiJourney.CheckPageAsync(page, "api-key-revoke-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await page.GetByTestId("key-message").Filter(new() { HasText = "revoked" }).WaitForAsync();
        (await row.GetByTestId("status").InnerTextAsync()).ShouldStartWith("revoked ");
        (await row.GetByTestId("revoke").CountAsync()).ShouldBe(0);
        (await client.GetAsync("/api/v1/api-keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task API_keys_are_not_available_to_a_viewer()
    {
        await journey.AddPersonAsync("victor@example.com", "Victor Viewer", "viewer");
        (IBrowserContext context, IPage page) = await journey.SignInAsync("victor@example.com");
        await using IBrowserContext _ = context;
        await page.GotoAsync("/api-keys");
        await page.GetByTestId("admins-only").WaitForAsync();
        (await page.GetByTestId("create-key").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("key-table").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("revoke").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(page, "api-key-viewer");
    }

    private static Task ReadyAsync(IPage page) => page.Locator("h1[data-interactive=true]").WaitForAsync();
}
