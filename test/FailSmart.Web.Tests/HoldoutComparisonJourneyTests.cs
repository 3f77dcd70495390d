using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// A holdout with recorded sides and a planted long-term effect: its page shows, per metric, everything shipped
/// against the held-out units with the interval the API answers; a holdout nobody reached says how it fills in.
/// </summary>
public sealed class HoldoutComparisonJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    private static async Task CreateAsync(HttpClient api, string kind, string json)
    {
        using HttpResponseMessage response = await api.PostAsync($"/api/v1/{kind}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    // 2,000 units, 20% held out; signup conversion 10% held out and 20% exposed.
    private static string Batch()
    {
        string At(int minutes) => DateTimeOffset.UtcNow.AddMinutes(-minutes).ToString("O", CultureInfo.InvariantCulture);
        var random = new Random(20261207);
        var events = new List<string>();
        for (int i = 0; i < 2_000; i++)
        {
            string unit = "member-" + i.ToString(CultureInfo.InvariantCulture);
            string side = i % 5 == 0 ? "held-out" : "exposed";
            events.Add($$"""{"id":"x-{{unit}}","type":"exposure","unitId":"{{unit}}","timestamp":"{{At(40)}}","experiment":"holdout:long-term","variation":"{{side}}"}""");
            if (random.NextDouble() < (side == "held-out" ? 0.10 : 0.20))
            {
                events.Add($$"""{"id":"e-{{unit}}","type":"event","unitId":"{{unit}}","timestamp":"{{At(20)}}","event":"signup"}""");
            }
        }

        return "[" + string.Join(",", events) + "]";
    }

    [Fact]
    public async Task Holdout_page_shows_the_long_term_comparison_per_metric()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await CreateAsync(api, "metrics", """{"key":"signup-conversion","type":"conversion","event":"signup","window":"P7D"}""");
        await CreateAsync(api, "holdouts", """{"key":"long-term","salt":"long-term-2026","buckets":[0,2000],"scope":{"all":true},"description":"Kept from every launch of 2026"}""");
        await CreateAsync(api, "flags", """{"key":"quiet","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[]}}}""");
        await CreateAsync(api, "holdouts", """{"key":"untouched","salt":"untouched-2026","buckets":[0,100],"scope":{"flags":["quiet"]}}""");
        using HttpResponseMessage created = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "seed", kind = "server", environment = "production" }, Ct);
        string secret = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;
        using var sdk = new HttpClient { BaseAddress = journey.Server.Address, DefaultRequestHeaders = { { "Authorization", "Bearer " + secret } } };
        JsonElement accepted = await (await sdk.PostAsync("/events/v1/batch", new StringContent(Batch(), Encoding.UTF8, "application/json"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        accepted.GetProperty("rejected").GetArrayLength().ShouldBe(0);

        JsonElement results = JsonDocument.Parse(await api.GetStringAsync("/api/v1/holdouts/long-term/results?metrics=signup-conversion&refresh=true", Ct)).RootElement;
        JsonElement exposed = results.GetProperty("results").GetProperty("metrics")[0].GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("index").GetInt32() == 1);
        exposed.GetProperty("relativeLift").GetDouble().ShouldBeGreaterThan(0.3);

        await page.GotoAsync("/holdouts/long-term");
        ILocator row = page.GetByTestId("comparison-signup-conversion");
        await row.WaitForAsync();
        (await page.GetByTestId("comparison-summary").InnerTextAsync()).ShouldStartWith("400 units held out (20% reserved) and 1,600 exposed, since ");
        string lift = exposed.GetProperty("relativeLift").GetDouble().ToString("+0.0#%;−0.0#%;0%", CultureInfo.InvariantCulture);
        (await row.GetByTestId("comparison-lift").InnerTextAsync()).ShouldBe(lift);
        (await row.GetByTestId("comparison-interval").InnerTextAsync()).ShouldBe(
            exposed.GetProperty("liftLower").GetDouble().ToString("+0.0#%;−0.0#%;0%", CultureInfo.InvariantCulture) + " to "
            + exposed.GetProperty("liftUpper").GetDouble().ToString("+0.0#%;−0.0#%;0%", CultureInfo.InvariantCulture));
        (await row.InnerTextAsync()).ShouldContain("400 units");
        (await row.InnerTextAsync()).ShouldContain("1,600 units");
        await UiJourney.CheckPageAsync(page, "holdout-comparison");

        await page.GotoAsync("/holdouts/untouched");
        await Assertions.Expect(page.GetByTestId("comparison-empty")).ToContainTextAsync("No unit of this holdout has been seen in production yet.");
        await UiJourney.CheckPageAsync(page, "holdout-comparison-empty");
    }
}
