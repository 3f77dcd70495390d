using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FailSmart.Web.Tests;

/// <summary>
/// Flags evaluated through OFREP and reported by an SDK show their usage on the stale-flags page and the flag
/// page; archiving one still evaluated asks again with the counts and needs a reason, which the audit keeps.
/// </summary>
public sealed class FlagInsightsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    private static string Flag(string key) => $$$"""
        {"key":"{{{key}}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]},
                         "staging":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]} } }
        """;

    [Fact]
    public async Task Used_flag_shows_its_usage_and_is_archived_only_with_a_reason_after_the_counts()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/flags", Flag("checkout-v2"));
        await PostAsync(api, "/api/v1/flags", Flag("old-banner"));

        // Production: five evaluations through OFREP, counted by the server. Staging: a .NET SDK's flush.
        using HttpClient ofrep = WithKey(await CreateKeyAsync(api, "client", "production"));
        for (int i = 0; i < 5; i++)
        {
            await PostAsync(ofrep, "/ofrep/v1/evaluate/flags/checkout-v2", "{\"context\":{\"targetingKey\":\"u-" + i + "\"}}", HttpStatusCode.OK);
        }

        using HttpClient sdk = WithKey(await CreateKeyAsync(api, "server", "staging"));
        await PostAsync(sdk, "/events/v1/usage", JsonSerializer.Serialize(new
        {
            id = "flush-1",
            source = "sdk-dotnet",
            counts = new[] { new { flag = "checkout-v2", variation = "on", count = 18_204, lastEvaluated = DateTimeOffset.UtcNow.ToString("O") } },
        }), HttpStatusCode.OK);
        await WaitForProductionCountAsync(api, "checkout-v2", 5);

        // The stale list: nothing stale yet (both flags are new), development has no reporting client.
        await page.GotoAsync("/flags/stale");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("stale-none").WaitForAsync();
        await Expect(page.Locator("[data-testid=usage-unknown][data-environment=development]")).ToContainTextAsync("Usage unknown in development");
        await Expect(page.Locator("[data-testid=usage-unknown]")).ToHaveCountAsync(1);
        await UiJourney.CheckPageAsync(page, "stale-flags-none");

        await page.Locator("#stale-show").SelectOptionAsync("every");
        ILocator production = page.Locator("[data-testid=stale-row][data-key=checkout-v2][data-environment=production]");
        await production.WaitForAsync();
        (await production.Locator("td").AllInnerTextsAsync()).Skip(1).Take(5).ShouldBe(["production", "New", "just now", "5", "5"]);
        await Expect(page.Locator("[data-testid=stale-row][data-key=checkout-v2][data-environment=staging] td").Nth(4)).ToHaveTextAsync("18,204");
        await Expect(page.Locator("[data-testid=stale-row][data-key=old-banner][data-environment=development]")).ToHaveAttributeAsync("data-status", "new");
        await UiJourney.CheckPageAsync(page, "stale-flags-every");

        await page.Locator("#stale-environment").SelectOptionAsync("staging");
        await Expect(page.Locator("[data-testid=stale-row]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=usage-unknown]")).ToHaveCountAsync(0);

        // The flag page: usage per environment, then the archive asks again with the counts.
        await page.GotoAsync("/flags/checkout-v2");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await Expect(page.Locator("[data-testid=usage-row][data-environment=staging] [data-testid=usage-7]")).ToHaveTextAsync("18,204");
        await Expect(page.Locator("[data-testid=usage-row][data-environment=production] [data-testid=usage-7]")).ToHaveTextAsync("5");
        await UiJourney.CheckPageAsync(page, "flag-usage");

        await page.GetByTestId("archive").ClickAsync();
        await page.GetByTestId("confirm-archive").ClickAsync();
        ILocator inUse = page.GetByTestId("archive-in-use");
        await inUse.WaitForAsync();
        await Expect(inUse).ToContainTextAsync(
            "checkout-v2 was evaluated 18,204 times in staging and 5 in production in the last 7 days; clients would fall back to their in-code defaults.");
        await Expect(page.GetByTestId("archive-in-use-environment")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("confirm-archive")).ToHaveTextAsync("Archive anyway");
        await UiJourney.CheckPageAsync(page, "archive-in-use");
        (await StoredAsync(api, "checkout-v2")).GetProperty("archived").GetBoolean().ShouldBeFalse();

        // Confirming without a reason is refused next to the field; with one, the flag is archived.
        await page.GetByTestId("confirm-archive").ClickAsync();
        await Expect(page.Locator("#archive-reason-error")).ToContainTextAsync("needs a reason");
        (await StoredAsync(api, "checkout-v2")).GetProperty("archived").GetBoolean().ShouldBeFalse();
        await page.Locator("#archive-reason").FillAsync("checkout v1 is gone; old apps default to v2");
        await page.GetByTestId("confirm-archive").ClickAsync();
        await page.GetByTestId("archived").WaitForAsync();

        (await StoredAsync(api, "checkout-v2")).GetProperty("archived").GetBoolean().ShouldBeTrue();
        using HttpResponseMessage audit = await api.GetAsync(new Uri("/api/v1/audit?key=checkout-v2", UriKind.Relative), Ct);
        JsonElement last = JsonDocument.Parse(await audit.Content.ReadAsStringAsync(Ct)).RootElement[0];
        last.GetProperty("action").GetString().ShouldBe("archive");
        last.GetProperty("reason").GetString().ShouldBe(
            "checkout v1 is gone; old apps default to v2 Archived while in use: checkout-v2 was evaluated 18,204 times in staging and 5 in production in the last 7 days.");

        await page.GotoAsync("/audit");
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("checkout v1 is gone; old apps default to v2");
    }

    private HttpClient WithKey(string key) =>
        new() { BaseAddress = journey.Server.Address, DefaultRequestHeaders = { { "Authorization", "Bearer " + key } } };

    private static async Task<string> CreateKeyAsync(HttpClient api, string kind, string environment)
    {
        using HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = kind + " " + environment, kind, environment }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("secret").GetString()!;
    }

    // The server writes its OFREP counts every second here; wait until they are stored, within a bound.
    private static async Task WaitForProductionCountAsync(HttpClient api, string flag, long expected)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        long seen = -1;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using HttpResponseMessage response = await api.GetAsync(new Uri($"/api/v1/flags/{flag}/insights", UriKind.Relative), Ct);
            seen = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("flags").EnumerateArray()
                .Single(f => f.GetProperty("environment").GetString() == "production").GetProperty("evaluations7Days").GetInt64();
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        seen.ShouldBe(expected, "the server's OFREP counts were not written within 30 s");
    }

    private static async Task<JsonElement> StoredAsync(HttpClient api, string flag)
    {
        using HttpResponseMessage response = await api.GetAsync(new Uri($"/api/v1/flags/{flag}", UriKind.Relative), Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static async Task PostAsync(HttpClient api, string path, string json, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using HttpResponseMessage response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
    }
}
