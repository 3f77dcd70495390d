using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FailSmart.Web.Tests;

/// <summary>An administrator sets up approval, environments and people on /settings; a viewer only looks.</summary>
public sealed class SettingsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Admin_turns_on_approval_adds_environment_and_people_and_changes_access()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        await OpenAsync(page, "/settings");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Settings");
        ILocator production = page.GetByTestId("environment-production");
        await Expect(production.GetByTestId("approval-production")).ToHaveTextAsync("No");
        await UiJourney.CheckPageAsync(page, "settings");

        // Approval on for production, stored, and a cancelled "turn off" keeps it on.
        await production.GetByRole(AriaRole.Switch).ClickAsync();
        await Expect(production.GetByTestId("approval-production")).ToHaveTextAsync("Yes");
        (await RequiresApprovalAsync("production")).ShouldBeTrue();
        await production.GetByRole(AriaRole.Switch).ClickAsync();
        ILocator confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("Changes to Production will be written at once, without anyone else's approval.");
        await UiJourney.CheckPageAsync(page, "settings-approval-off-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep approval" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(production.GetByTestId("approval-production")).ToHaveTextAsync("Yes");
        await Expect(production.GetByRole(AriaRole.Switch)).ToBeCheckedAsync();
        (await RequiresApprovalAsync("production")).ShouldBeTrue();

        // A duplicate key is refused at its field; a new one is added.
        await page.GetByLabel("Key").FillAsync("staging");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Staging again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add environment" }).ClickAsync();
        await Expect(page.Locator("#environment-key-error")).ToContainTextAsync("staging");
        (await page.Locator("#environment-key").GetAttributeAsync("aria-describedby")).ShouldNotBeNull().ShouldContain("environment-key-error");
        await UiJourney.CheckPageAsync(page, "settings-environment-duplicate");
        (await EnvironmentKeysAsync()).Count(k => k == "staging").ShouldBe(1);

        await page.GetByLabel("Key").FillAsync("qa");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("QA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add environment" }).ClickAsync();
        await Expect(page.GetByTestId("environment-qa")).ToContainTextAsync("QA");
        await Expect(page.Locator("#environment-key-error")).ToHaveCountAsync(0);
        (await EnvironmentKeysAsync()).ShouldContain("qa");

        // A bad email is refused next to its field, and nobody is added.
        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByLabel("Display name").FillAsync("Nobody");
        await page.GetByLabel("Initial password").FillAsync(UiJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(page.Locator("#person-email-error")).ToContainTextAsync("'not-an-email' is not an email address.");
        await UiJourney.CheckPageAsync(page, "settings-person-error");
        (await AccountsAsync()).ShouldNotContain(a => a.GetProperty("displayName").GetString() == "Nobody");

        // An editor limited to staging, and a viewer.
        await AddPersonAsync(page, "grace@example.com", "Grace Hopper", "Editor", "Staging");
        await Expect(page.GetByTestId("person-grace@example.com").GetByTestId("environments")).ToHaveTextAsync("staging");
        await AddPersonAsync(page, "linus@example.com", "Linus Viewer", "Viewer", null);
        await Expect(page.GetByTestId("person-linus@example.com").GetByTestId("role")).ToHaveTextAsync("Viewer");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await UiJourney.CheckPageAsync(page, "settings-people");

        // The viewer becomes an editor (of every environment).
        await page.GetByRole(AriaRole.Button, new() { Name = "Change access for Linus Viewer" }).ClickAsync();
        ILocator dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Saving ends Linus Viewer's sessions in every browser");
        await dialog.GetByLabel("Role").SelectOptionAsync("Editor");
        await Expect(dialog.GetByText("Environments this editor may change")).ToBeVisibleAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await UiJourney.CheckPageAsync(page, "settings-access-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save access" }).ClickAsync();
        await Expect(page.GetByTestId("access-changed")).ToContainTextAsync("Linus Viewer is now editor");
        await Expect(page.GetByTestId("person-linus@example.com").GetByTestId("role")).ToHaveTextAsync("Editor");

        // An administrator cannot take away their own role: the service's message, at the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Change access for " + UiJourney.AdminName }).ClickAsync();
        await dialog.GetByLabel("Role").SelectOptionAsync("Viewer");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save access" }).ClickAsync();
        await Expect(page.Locator("#access-role-error")).ToContainTextAsync("You cannot take away your own administrator role.");
        await UiJourney.CheckPageAsync(page, "settings-access-own-role");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        List<JsonElement> accounts = await AccountsAsync();
        JsonElement grace = accounts.Single(a => a.GetProperty("userName").GetString() == "grace@example.com");
        grace.GetProperty("role").GetString().ShouldBe("editor");
        grace.GetProperty("environments").EnumerateArray().Select(e => e.GetString()).ShouldBe(["staging"]);
        JsonElement linus = accounts.Single(a => a.GetProperty("userName").GetString() == "linus@example.com");
        linus.GetProperty("role").GetString().ShouldBe("editor");
        linus.GetProperty("environments").ValueKind.ShouldBe(JsonValueKind.Null);
        accounts.Single(a => a.GetProperty("userName").GetString() == UiJourney.AdminEmail).GetProperty("role").GetString().ShouldBe("admin");
    }

    [Fact]
    public async Task Viewer_sees_environments_without_controls_and_no_people()
    {
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        (IBrowserContext context, IPage page) = await journey.SignInAsync("vera@example.com");
        await using IBrowserContext _ = context;

        await OpenAsync(page, "/settings");
        await Expect(page.GetByTestId("environments")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("environment-production")).ToContainTextAsync("production");
        await Expect(page.GetByRole(AriaRole.Switch)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add environment" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("people-section")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People" })).ToHaveCountAsync(0);
        await UiJourney.CheckPageAsync(page, "settings-viewer");
    }

    private static async Task AddPersonAsync(IPage page, string email, string name, string role, string? environment)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Initial password").FillAsync(UiJourney.Password);
        await page.Locator("#person-role").SelectOptionAsync(role);
        if (environment is not null)
        {
            await page.GetByTestId("people-section").GetByLabel(environment, new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(page.GetByTestId("person-added")).ToContainTextAsync($"Added {name} ({email})");
    }

    private async Task<List<JsonElement>> AccountsAsync()
    {
        using HttpClient api = journey.Server.AdminApi();
        return (await api.GetFromJsonAsync<List<JsonElement>>("/api/v1/accounts", Ct)).ShouldNotBeNull();
    }

    private async Task<List<string>> EnvironmentKeysAsync()
    {
        using HttpClient api = journey.Server.AdminApi();
        return (await api.GetFromJsonAsync<List<string>>("/api/v1/environments", Ct)).ShouldNotBeNull();
    }

    private async Task<bool> RequiresApprovalAsync(string environment)
    {
        using HttpClient api = journey.Server.AdminApi();
        JsonElement stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/environments/{environment}", Ct);
        return stored.GetProperty("requiresApproval").GetBoolean();
    }

    // Waits until the page runs on its live connection; a click before that would post the form to the server instead.
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").WaitForAsync();
    }
}
