using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>The collisions page lists trials that can reach the same units, with why and how to separate them, per environment.</summary>
public sealed class CollisionsJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    private static string Experiment(string key) =>
        $$"""{"key":"{{key}}","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"running"}""";

    private static string Flag(string key, string experiment) => $$$"""
        {"key":"{{{key}}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"r1","experiment":{"key":"{{{experiment}}}"} }]} } }
        """;

    [Fact]
    public async Task Two_experiments_outside_a_layer_are_listed_once_with_how_to_separate_them()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/experiments", Experiment("banner-copy"));
        await PostAsync(api, "/api/v1/experiments", Experiment("search-ranking"));
        await PostAsync(api, "/api/v1/flags", Flag("banner", "banner-copy"));
        using var acknowledged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/flags") { Content = Json(Flag("search", "search-ranking")) };
        acknowledged.Headers.Add("X-Acknowledge-Collisions", "true");
        acknowledged.Headers.Add("X-Change-Reason", "different pages; checked together");
        (await api.SendAsync(acknowledged, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await page.GotoAsync("/collisions");
        await page.Locator("[data-testid=collisions-page][data-interactive=true]").WaitForAsync();
        ILocator rows = page.GetByTestId("collision");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        (await rows.First.Locator("td").AllInnerTextsAsync()).ShouldBe(
        [
            "banner-copy",
            "experiment search-ranking",
            "id",
            "Experiment 'banner-copy' and experiment 'search-ranking' both assign by 'id', their audiences can overlap, and no layer keeps them apart.",
            "Put both in one layer with separate buckets, or narrow one audience with a condition the other excludes (for example on 'id' or a segment).",
        ]);
        await UiJourney.CheckPageAsync(page, "collisions");

        // Staging runs neither flag: nothing to report, and the choice is in the URL.
        await page.Locator("#environment-filter").SelectOptionAsync("staging");
        await page.GetByTestId("empty").WaitForAsync();
        (await page.GetByTestId("empty").InnerTextAsync()).ShouldContain("No collisions in staging");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("environment=staging"));
        await UiJourney.CheckPageAsync(page, "collisions-none");
    }

    private static async Task PostAsync(HttpClient api, string path, string json)
    {
        using HttpResponseMessage response = await api.PostAsync(path, Json(json), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
