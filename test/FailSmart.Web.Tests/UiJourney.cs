using System.Net.Http.Json;
using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FailSmart.Testing;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// A journey's world: the real server with its first administrator created, Debian's Chromium, and
/// helpers to sign people in, take screenshots and run axe-core. One per test class keeps the browser
/// suite short; each journey signs in its own browser contexts.
/// </summary>
public sealed class UiJourney : IAsyncLifetime
{
    public const string AdminEmail = "ada@example.com";
    public const string AdminName = "Ada Lovelace";
    public const string Password = "correct horse battery";

    private static readonly string s_screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private UiServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Starts the server and browser if no journey has yet; call it before using <see cref="Server"/> directly.</summary>
    public Task EnsureStartedAsync() => StartAsync();

    public UiServer Server => _server ?? throw new InvalidOperationException("Sign someone in first: that starts the server.");

    public string Root => Server.Address.ToString().TrimEnd('/');

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Started by the first journey that asks, so that without Chromium each test skips (or, under CI, fails)
    // with TestServices' message instead of the fixture failing.
    private async Task StartAsync()
    {
        if (_browser is not null)
        {
            return;
        }

        string chromium = TestServices.Chromium();
        _server = await UiServer.StartAsync(Ct);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _server.Address };
        string token = await UiForms.AntiforgeryTokenAsync(client, "/", Ct);
        (await UiForms.PostFirstRunAsync(client, token, AdminEmail, Password, Ct, AdminName)).EnsureSuccessStatusCode();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });

        // Expect(...) keeps its own 5 s default, which a server busy on two cores can miss after a navigation.
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    /// <summary>A new browser context (its own cookies), signed in as this person.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string email = AdminEmail, string password = Password)
    {
        await StartAsync();
        IBrowserContext context = await _browser!.NewContextAsync(new() { BaseURL = Server.Address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        // Waits, not assertions: with the browser, the server and its background services on two busy cores, a
        // navigation has been seen to take longer than Playwright's default 30 s; what each step asserts is unchanged.
        context.SetDefaultNavigationTimeout(90_000);
        context.SetDefaultTimeout(60_000);
        IPage page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // The address is enough: the home page's load event can lag far behind on a busy machine. Polled, because
        // when the redirect has already landed, WaitForURLAsync waits for the load event whatever WaitUntil says, and
        // that was seen to take its whole 90 s under load.
        await Assertions.Expect(page).ToHaveURLAsync(Root + "/");
        return (context, page);
    }

    /// <summary>Adds a person through the admin API; environments limit an editor (null: all).</summary>
    public async Task<string> AddPersonAsync(string email, string name, string role, IReadOnlyList<string>? environments = null)
    {
        await StartAsync();
        using HttpClient api = Server.AdminApi();
        using HttpResponseMessage response = await api.PostAsJsonAsync(
            "/api/v1/accounts", new { userName = email, displayName = name, password = Password, role, environments }, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Saves a full-page screenshot under screenshots/ (for people to look at, and for docs/ui.md) and
    /// fails on any serious or critical axe-core violation.
    /// </summary>
    public static async Task CheckPageAsync(IPage page, string name)
    {
        Directory.CreateDirectory(s_screenshots);
        // When a page's live connection starts, the head is rendered again and the title is briefly empty;
        // axe-core reads the page as it settles, not that moment.
        await page.WaitForFunctionAsync("document.title.length > 0");

        // Fixed parts (the app bar) are drawn where the viewport is, so a page scrolled down would show its bar mid-image.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, name + ".png"), FullPage = true });
        AxeResult axe = await page.RunAxe();
        string[] serious = [.. axe.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")];
        serious.ShouldBeEmpty($"axe-core on {name}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
