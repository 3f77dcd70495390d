using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FailSmart.Testing;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>"Explain for a user" on a flag's page gives the same decision and the same trace as <c>failsmart explain</c> on the environment's rule set.</summary>
public sealed class FlagExplainJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Context = """{"id":"u-7","country":"SE","plan":"pro"}""";

    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Explain_in_the_browser_matches_the_cli()
    {
        await journey.EnsureStartedAsync();
        using HttpClient api = journey.Server.AdminApi();
        var production = new
        {
            enabled = true,
            offVariation = "control",
            defaultVariation = "control",
            rules = new object[]
            {
                new { id = "staff", condition = new Dictionary<string, object> { ["email"] = new Dictionary<string, string> { ["$regex"] = "@example\\.com$" } }, force = new { variation = "bold" } },
                new { id = "nordics", condition = new Dictionary<string, object> { ["country"] = new Dictionary<string, string[]> { ["$in"] = ["SE", "NO"] } }, rollout = new { variation = "bold", percentage = 100 } },
            },
        };
        using HttpResponseMessage created = await api.PostAsJsonAsync("/api/v1/flags", new
        {
            key = "pricing-page",
            type = "string",
            variations = new object[] { new { key = "control", value = "classic" }, new { key = "bold", value = "bold" } },
            environments = new { production },
        }, Ct);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        await page.GotoAsync("/flags/pricing-page");
        await FlagPages.InteractiveAsync(page);
        await page.GetByTestId("explain-json-mode").ClickAsync();
        await page.Locator("#explain-attributes").FillAsync(Context);
        await page.GetByTestId("explain-run").ClickAsync();
        await page.GetByTestId("explain-trace").WaitForAsync();
        string trace = await page.GetByTestId("explain-trace").TextContentAsync() ?? "";
        (await page.GetByTestId("explain-variation").InnerTextAsync()).ShouldBe("bold");
        (await page.GetByTestId("explain-value").InnerTextAsync()).ShouldBe("\"bold\"");
        (await page.GetByTestId("explain-reason").InnerTextAsync()).ShouldBe("RolloutSplit");
        await UiJourney.CheckPageAsync(page, "flag-explain");

        // The CLI, on the rule set production's SDKs receive.
        using HttpResponseMessage key = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "explain-journey", kind = "server", environment = "production" }, Ct);
        string secret = JsonDocument.Parse(await key.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("secret").GetString()!;
        using var sdk = new HttpClient { BaseAddress = journey.Server.Address, DefaultRequestHeaders = { { "Authorization", "Bearer " + secret } } };
        using var folder = new TemporaryFolder();
        string config = Path.Combine(folder.Path, "production.json");
        await File.WriteAllTextAsync(config, await sdk.GetStringAsync(new Uri("/sdk/v1/config", UriKind.Relative), Ct), Ct);
        string cli = await RunCliAsync("explain", "--config", config, "--flag", "pricing-page", "--context", Context, "--environment", "production");

        trace.TrimEnd().ShouldBe(cli.TrimEnd());
        cli.ShouldContain("variation bold, reason RolloutSplit");
    }

    private static async Task<string> RunCliAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "failsmart.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> error = process.StandardError.ReadToEndAsync(Ct);
        string output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        process.ExitCode.ShouldBe(0, await error);
        return output;
    }
}
