using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// The maintenance review: empty until a feature reaches Maintain It; then the feature with its flag, the effort
/// recorded since, and the verdict, as the API gives them.
/// </summary>
public sealed class MaintenanceReviewJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task A_feature_in_Maintain_shows_its_flag_its_effort_and_a_verdict()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;

        await page.GotoAsync("/maintenance");
        await page.Locator("[data-testid=maintenance-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("empty").WaitForAsync();
        (await page.GetByTestId("empty").InnerTextAsync()).ShouldContain("No feature is in Maintain");
        await UiJourney.CheckPageAsync(page, "maintenance-empty");

        using (HttpClient admin = journey.Server.AdminApi())
        {
            await PostAsync(admin, "/api/v1/flags",
                """{"key":"old-search","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]}}}""");
            await PostAsync(admin, "/api/v1/features",
                """{"key":"old-search","name":"Old search","owner":"team-search","problem":"Search results were slow to load.","links":[{"kind":"flag","key":"old-search"}]}""");
            // No hypothesis metric and no running test: the administrator decides past the gates, with a reason.
            foreach (string? reason in new[] { null, "Shipped before FailSmart tracked it", "Tuned before FailSmart tracked it", null })
            {
                string overrideField = reason is null ? "" : $",\"override\":\"{reason}\"";
                await PostAsync(admin, "/api/v1/features/old-search/decisions", $$"""{"decision":"advance","reason":"Moving an existing feature to where it is"{{overrideField}}}""");
            }

            string week = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await PostAsync(admin, "/api/v1/features/old-search/ledger", $$"""{"week":"{{week}}","phase":"maintain","personDays":4,"note":"Index rebuilds"}""");

            using JsonDocument review = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/maintenance/review", UriKind.Relative), Ct));
            JsonElement feature = review.RootElement.GetProperty("features").EnumerateArray().Single();
            (feature.GetProperty("key").GetString(), feature.GetProperty("verdict").GetString(), feature.GetProperty("personDaysSinceMaintain").GetDouble())
                .ShouldBe(("old-search", "review", 4.0));
            feature.GetProperty("flags")[0].GetProperty("key").GetString().ShouldBe("old-search");
        }

        await page.GotoAsync("/maintenance");
        ILocator row = page.GetByTestId("feature-old-search");
        await row.WaitForAsync();
        (await row.GetByTestId("verdict").InnerTextAsync()).Trim().ShouldBe("Review");
        (await row.GetByTestId("effort-since").InnerTextAsync()).Trim().ShouldBe("4 person-days");
        (await row.GetByTestId("flag-old-search").InnerTextAsync()).ShouldContain("old-search");
        (await row.GetByTestId("reasons").InnerTextAsync()).ShouldContain("It took 4 person-days in the last 12 weeks");
        (await page.GetByTestId("summary").InnerTextAsync()).ShouldBe("1 feature in Maintain: 0 to clean up, 1 to review. Together they took 4 person-days in the last 12 weeks.");
        await UiJourney.CheckPageAsync(page, "maintenance-review");
    }

    private static async Task PostAsync(HttpClient admin, string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PostAsync(new Uri(path, UriKind.Relative), body, Ct);
        response.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await response.Content.ReadAsStringAsync(Ct));
    }
}
