using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace FailSmart.Server.Tests;

/// <summary>
/// The real OpenFeature packages against the real server on a real port: the server SDK with the OFREP
/// provider under node, and the web SDK with the OFREP web provider in Chromium, on a page of another
/// origin, configured as docs/openfeature.md says.
/// </summary>
public sealed class OpenFeatureClientsTests(OpenFeatureClientsTests.Server server) : IClassFixture<OpenFeatureClientsTests.Server>
{
    /// <summary>One server with the example configuration and one flag of each remaining type.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private KestrelServer _server = null!;

        public KestrelServer Kestrel => _server;

        public HttpClient Admin { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _server = await KestrelServer.StartAsync();
            Admin = _server.ClientWithKey();
            await ExampleConfiguration.LoadAsync(Admin);
            const string sweden = """{"id":"sweden","condition":{"country":{"$in":["SE"]}},"force":{"variation":"nordic"}}""";
            string[] flags =
            [
                """{"key":"banner-text","type":"string","variations":[{"key":"plain","value":"Welcome"},{"key":"nordic","value":"Välkommen"}],"environments":{"production":{"enabled":true,"offVariation":"plain","defaultVariation":"plain","rules":[SWEDEN]}}}""",
                """{"key":"cart-limit","type":"number","variations":[{"key":"large","value":50},{"key":"nordic","value":12.5}],"environments":{"production":{"enabled":true,"offVariation":"large","defaultVariation":"large","rules":[SWEDEN]}}}""",
                """{"key":"theme","type":"json","variations":[{"key":"light","value":{"background":"white"}},{"key":"nordic","value":{"background":"navy","accents":["gold"]}}],"environments":{"production":{"enabled":true,"offVariation":"light","defaultVariation":"light","rules":[SWEDEN]}}}""",
                """{"key":"retired-banner","type":"string","variations":[{"key":"old","value":"Old banner"},{"key":"new","value":"New banner"}],"environments":{"production":{"enabled":false,"offVariation":"old","defaultVariation":"new","rules":[]}}}""",
            ];
            foreach (string flag in flags.Select(f => f.Replace("SWEDEN", sweden, StringComparison.Ordinal)))
            {
                using HttpResponseMessage created = await Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", flag);
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
            }
        }

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Server_sdk_resolves_each_type_with_the_value_reason_and_variant_FailSmart_evaluated()
    {
        string peers = TestServices.NodePeers();
        string key = await server.Admin.CreateKeyAsync("server", "production");

        JsonElement results = await RunNodeAsync(peers, "server-sdk.cjs", new()
        {
            ["FAILSMART_URL"] = server.Kestrel.Address.ToString().TrimEnd('/'),
            ["FAILSMART_KEY"] = key,
        });

        Resolved(results, "booleanStaff").ShouldBe(("True", "TARGETING_MATCH", "on", null));
        results.GetProperty("booleanStaff").GetProperty("flagMetadata").GetProperty("ruleId").GetString().ShouldBe("staff");
        Resolved(results, "booleanDefault").ShouldBe(("False", "DEFAULT", "off", null));
        Resolved(results, "string").ShouldBe(("Välkommen", "TARGETING_MATCH", "nordic", null));
        Resolved(results, "number").ShouldBe(("12.5", "TARGETING_MATCH", "nordic", null));
        Resolved(results, "numberDefault").ShouldBe(("50", "DEFAULT", "large", null));
        JsonElement theme = results.GetProperty("object");
        theme.GetProperty("value").GetRawText().ShouldBe("""{"background":"navy","accents":["gold"]}""");
        (theme.GetProperty("reason").GetString(), theme.GetProperty("variant").GetString()).ShouldBe(("TARGETING_MATCH", "nordic"));
        Resolved(results, "disabled").ShouldBe(("Old banner", "DISABLED", "old", null));
        Resolved(results, "notFound").ShouldBe(("True", "ERROR", null, "FLAG_NOT_FOUND"));
        results.GetProperty("notFound").GetProperty("errorMessage").GetString()!.ShouldContain("no-such-flag");
        Resolved(results, "typeMismatch").ShouldBe(("7", "ERROR", null, "TYPE_MISMATCH"));
    }

    [Fact]
    public async Task Web_provider_on_another_origin_sees_the_kill_switch_within_five_seconds_without_polling()
    {
        string peers = TestServices.NodePeers();
        string chromium = TestServices.Chromium();
        string key = await server.Admin.CreateKeyAsync("client", "production");
        using var bundleFolder = new TemporaryFolder();
        string bundle = Path.Combine(bundleFolder.Path, "app.js");
        await RunNodeAsync(peers, "bundle-web.cjs", [], bundle);
        await using WebApplication page = await StartPageAsync(server.Kestrel.Address, key, bundle);
        string pageUrl = page.Urls.First();
        new Uri(pageUrl).Port.ShouldNotBe(server.Kestrel.Address.Port); // another origin

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        IPage tab = await browser.NewPageAsync();
        var seen = new ConcurrentQueue<(string Method, string Url, int Status)>();
        var console = new ConcurrentQueue<string>();
        tab.Response += (_, response) => seen.Enqueue((response.Request.Method, response.Url, response.Status));
        tab.Console += (_, message) => console.Enqueue(message.Text);

        await tab.GotoAsync(pageUrl);
        await tab.WaitForFunctionAsync("() => window.ready === true || window.failure !== undefined", null, new() { Timeout = 20_000 });
        (await tab.EvaluateAsync<string?>("() => window.failure ?? null")).ShouldBeNull(string.Join('\n', console));
        (await NewCheckoutAsync(tab)).ShouldBe(("True", "TARGETING_MATCH", "on"));
        await WaitUntilAsync(() => seen.Any(r => r.Url.Contains("/ofrep/v1/events", StringComparison.Ordinal) && r.Status == 200),
            "the provider did not open the event stream named by the bulk answer");

        try
        {
            var sinceKill = Stopwatch.StartNew();
            await ToggleNewCheckoutAsync(enabled: false);
            await tab.WaitForFunctionAsync("() => window.newCheckout.value === false", null, new() { Timeout = 5_000, PollingInterval = 50 });
            TestContext.Current.TestOutputHelper?.WriteLine($"The page saw the kill switch after {sinceKill.ElapsedMilliseconds} ms.");

            (await NewCheckoutAsync(tab)).ShouldBe(("False", "DISABLED", "off"));
            // One evaluation to start and one after the stream's message: no polling.
            seen.Count(r => r.Method == "POST" && r.Url.Contains("/ofrep/v1/evaluate/flags", StringComparison.Ordinal) && r.Status == 200).ShouldBe(2);

            // A refresh with nothing new (the provider re-evaluates when the page becomes visible) is a 304.
            await tab.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
            await WaitUntilAsync(() => seen.Any(r => r.Method == "POST" && r.Url.Contains("/ofrep/v1/evaluate/flags", StringComparison.Ordinal) && r.Status == 304),
                "a refresh with nothing new was not answered 304");
            (await tab.EvaluateAsync<int>("() => window.changes")).ShouldBe(1);
        }
        finally
        {
            await ToggleNewCheckoutAsync(enabled: true);
        }
    }

    private async Task ToggleNewCheckoutAsync(bool enabled)
    {
        using HttpResponseMessage toggled = await server.Admin.PostAsJsonAsync(new Uri("/api/v1/flags/new-checkout/environments/production/toggle", UriKind.Relative),
            new { enabled, reason = "kill switch from the browser test" }, ApiTestExtensions.Ct);
        toggled.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static (string? Value, string? Reason, string? Variant, string? ErrorCode) Resolved(JsonElement results, string name)
    {
        JsonElement d = results.GetProperty(name);
        JsonElement value = d.GetProperty("value");
        string? text = value.ValueKind switch
        {
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return (text, d.GetProperty("reason").GetString(), d.GetProperty("variant").GetString(), d.GetProperty("errorCode").GetString());
    }

    private static async Task<(string? Value, string? Reason, string? Variant)> NewCheckoutAsync(IPage tab)
    {
        JsonElement d = (await tab.EvaluateAsync<JsonElement?>("() => window.newCheckout")) ?? throw new ShouldAssertException("The page has no evaluation.");
        return (d.GetProperty("value").GetBoolean().ToString(), d.GetProperty("reason").GetString(), d.GetProperty("variant").GetString());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (int attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
        }

        condition().ShouldBeTrue(failure);
    }

    /// <summary>A tiny page on its own loopback port: it sets the server address and key, then loads the bundle.</summary>
    private static async Task<WebApplication> StartPageAsync(Uri server, string key, string bundle)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        WebApplication page = builder.Build();
        string config = JsonSerializer.Serialize(new { baseUrl = server.ToString().TrimEnd('/'), key });
        page.MapGet("/", () => TypedResults.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>shop</title></head><body><script>window.FAILSMART = {config};</script><script src=\"/app.js\"></script></body></html>",
            "text/html"));
        page.MapGet("/app.js", () => TypedResults.PhysicalFile(bundle, "text/javascript"));
        await page.StartAsync(ApiTestExtensions.Ct);
        return page;
    }

    /// <summary>Runs a script from OpenFeatureClients with the pinned packages on NODE_PATH; returns its JSON output.</summary>
    private static async Task<JsonElement> RunNodeAsync(string peers, string script, Dictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OpenFeatureClients", script) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NODE_PATH"] = peers;
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        using Process node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        Task<string> output = node.StandardOutput.ReadToEndAsync(ApiTestExtensions.Ct);
        Task<string> errors = node.StandardError.ReadToEndAsync(ApiTestExtensions.Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ApiTestExtensions.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        node.ExitCode.ShouldBe(0, await errors);
        string text = await output;
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
