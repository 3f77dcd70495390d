using FailSmart.Testing;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>A new administrator's first minutes, in a real browser against the real server.</summary>
public sealed class SignInJourneyTests
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_run_sign_out_wrong_password_and_lockout()
    {
        string chromium = TestServices.Chromium();
        await using UiServer server = await UiServer.StartAsync(Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        await using IBrowserContext context = await browser.NewContextAsync(new() { BaseURL = server.Address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        // The same waits as every other journey's context (UiJourney.SignInAsync): on two cores shared with the rest of
        // the suite a navigation has taken longer than Playwright's default 30 s. What each step asserts is unchanged.
        context.SetDefaultNavigationTimeout(90_000);
        context.SetDefaultTimeout(60_000);
        IPage page = await context.NewPageAsync();
        string root = server.Address.ToString().TrimEnd('/');

        // First run: no account, so / asks for the first administrator.
        await page.GotoAsync("/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Create the first administrator");
        (await page.ContentAsync()).ShouldContain("Auth:BootstrapAdminKey");
        await CheckPageAsync(page, "first-run");

        // A short password is refused with a hint, and nothing is created.
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByLabel("Display name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        (await page.Locator("#password-error").InnerTextAsync()).ShouldStartWith("The password has 5 characters; it needs at least 12.");
        await CheckPageAsync(page, "first-run-problem");

        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync(root + "/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Welcome, Ada Lovelace");
        (await page.GetByTestId("user-name").InnerTextAsync()).ShouldBe("Ada Lovelace");
        await CheckPageAsync(page, "home");

        BrowserContextCookiesResult session = (await context.CookiesAsync()).Single(c => c.Name == "FailSmart.Session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Lax);

        await page.GetByRole(AriaRole.Link, new() { Name = "Flags", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(root + "/flags");
        // Navigation between pages is enhanced: the URL changes before the new page is in.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Flags");
        (await page.GetByTestId("flags-empty").InnerTextAsync()).ShouldContain("A flag lets you ship code turned off");
        await CheckPageAsync(page, "flags-empty");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(root + "/account/sign-in?signedOut=here");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Sign in to FailSmart");
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "FailSmart.Session");
        await CheckPageAsync(page, "sign-in");

        // Four wrong passwords say so; the fifth locks the account and says until when.
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            await SignInAsync(page, "not the password");
            (await page.GetByTestId("sign-in-error").InnerTextAsync()).ShouldStartWith("The email or password is wrong.");
            if (attempt == 1)
            {
                await CheckPageAsync(page, "sign-in-wrong-password");
            }
        }

        await SignInAsync(page, "not the password");
        string locked = await page.GetByTestId("sign-in-error").InnerTextAsync();
        locked.ShouldStartWith("This account is locked after 5 wrong passwords in a row. It unlocks at ");
        locked.ShouldEndWith("UTC (in 15 minutes).");
        await CheckPageAsync(page, "sign-in-locked");

        // While locked, even the right password is refused.
        await SignInAsync(page, Password);
        (await page.GetByTestId("sign-in-error").InnerTextAsync()).ShouldStartWith("This account is locked");
        page.Url.ShouldStartWith(root + "/account/sign-in");
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "FailSmart.Session");
    }

    private static async Task SignInAsync(IPage page, string password)
    {
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByTestId("sign-in-error").WaitForAsync();
    }

    private static Task CheckPageAsync(IPage page, string name) => UiJourney.CheckPageAsync(page, name);
}
