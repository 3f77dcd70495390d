using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// An editor writes a lesson (the form first shows a missing title next to its field), finds it by search,
/// sees it first among similar lessons when planning an experiment about ads in the wizard, and adds a
/// glossary term that the lesson then links to.
/// </summary>
public sealed class LearningJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Title = "Test cohort was already in the no-ads trial";

    private static CancellationToken Ct => UiJourney.Ct;

    private static string Lesson(string title, string happened, string metrics) =>
        $$"""{"subject":{"kind":"feature","key":"home"},"title":"{{title}}","expected":"A win.","happened":"{{happened}}","metrics":{{metrics}}}""";

    [Fact]
    public async Task A_lesson_is_written_found_suggested_when_planning_and_linked_to_the_glossary()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        await PostAsync(api, "/api/v1/metrics", """{"key":"retention-7d","type":"conversion","event":"return","role":"primary"}""");
        await PostAsync(api, "/api/v1/experiments", """{"key":"no-ads-retention","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"draft"}""");

        await page.GotoAsync("/learning");
        await page.Locator("[data-testid=learning-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("no-lessons").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "learning-empty");

        // Decoys that share some words or a metric, but not the story.
        await PostAsync(api, "/api/v1/lessons", Lesson("Ads banner placement", "Moving the ads banner lower changed nothing.", """["ad-clicks"]"""));
        await PostAsync(api, "/api/v1/lessons", Lesson("Trial length", "A 14-day trial converted like a 30-day trial.", """["conversion"]"""));

        // Written through the form: first without a title.
        await page.GetByTestId("new-lesson").ClickAsync();
        await page.Locator("[data-testid=new-lesson-page][data-interactive=true]").WaitForAsync();
        await page.Locator("#lesson-subject-kind").SelectOptionAsync("experiment");
        await page.Locator("#lesson-subject-key").FillAsync("no-ads-retention");
        await page.Locator("#lesson-expected").FillAsync("+6% 7-day retention from removing ads for new users.");
        await page.Locator("#lesson-happened").FillAsync("The test showed +6%, and after launch retention fell 1%. The test cohort was already in the no-ads trial, so both arms saw no ads.");
        await page.Locator("#lesson-why").FillAsync("We did not check which other trials the cohort was in, and we peeked at the results.");
        await page.Locator("#lesson-next-time").FillAsync("Check collisions before launch; decide the sample size up front.");
        await page.Locator("#lesson-tags").FillAsync("cohort ads");
        await page.Locator("#lesson-metrics").FillAsync("retention-7d");
        await page.Locator("#lesson-markets").FillAsync("se nl");
        await page.Locator("#lesson-links").FillAsync("/experiments/no-ads-retention");
        await page.GetByTestId("save-lesson").ClickAsync();
        await page.Locator("#lesson-title-error").WaitForAsync();
        (await page.Locator("#lesson-title-error").InnerTextAsync()).ShouldBe("title is required. Name the lesson in one line, such as \"Test cohort was already in the no-ads trial\".");
        (await page.Locator("#lesson-title").GetAttributeAsync("aria-describedby"))!.ShouldContain("lesson-title-error");
        await UiJourney.CheckPageAsync(page, "lesson-field-error");
        (await GetAsync(api, "/api/v1/lessons")).GetArrayLength().ShouldBe(2);

        await page.Locator("#lesson-title").FillAsync(Title);
        await page.GetByTestId("save-lesson").ClickAsync();
        await page.Locator("[data-testid=lesson-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("lesson-title").InnerTextAsync()).ShouldBe(Title);
        (await page.GetByTestId("lesson-subject").InnerTextAsync()).Trim().ShouldBe("Experiment no-ads-retention");
        long id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        JsonElement stored = await GetAsync(api, $"/api/v1/lessons/{id}");
        (stored.GetProperty("subject").GetProperty("key").GetString(), stored.GetProperty("author").GetString()).ShouldBe(("no-ads-retention", "Ada Lovelace <ada@example.com>"));
        stored.GetProperty("markets").EnumerateArray().Select(m => m.GetString()).ShouldBe(["se", "nl"]);
        await UiJourney.CheckPageAsync(page, "lesson-view");

        // Found by search, its words marked.
        await page.GotoAsync("/learning");
        await page.Locator("[data-testid=learning-page][data-interactive=true]").WaitForAsync();
        // The page is interactive before its list has loaded; search once it has, as a person would, so the search
        // does not race the page's first load on a busy machine.
        await page.GetByTestId("lesson-count").WaitForAsync();
        await page.Locator("#lesson-q").FillAsync("cohort TRIAL");
        await page.GetByTestId("lesson-search-button").ClickAsync();
        // The search goes into the URL, so a result list can be bookmarked. The submit changes the URL in place
        // (history.pushState); under load, Playwright's wait for that URL timed out while the page already showed
        // the results, so this reads the browser's own location.
        await page.WaitForFunctionAsync("() => new URLSearchParams(location.search).get('q') === 'cohort TRIAL'");
        await page.GetByTestId("lesson-count").Filter(new() { HasText = "1 lesson" }).WaitForAsync();
        (await page.GetByTestId("lesson-link").AllInnerTextsAsync()).ShouldBe([Title]);
        (await page.GetByTestId("lesson-snippet").Locator("mark").AllInnerTextsAsync()).ShouldContain("cohort");
        await UiJourney.CheckPageAsync(page, "learning-search");

        // Planning an experiment about ads: the lesson comes first among similar ones.
        await page.GotoAsync("/experiments/new");
        await page.Locator("section[data-interactive=true]").WaitForAsync();
        await page.Locator("#experiment-hypothesis").FillAsync("Showing no ads to new users raises 7-day retention.");
        await page.GetByTestId("primary-metric").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "retention-7d (conversion)", Exact = true }).ClickAsync();
        ILocator similar = page.GetByTestId("similar-lessons");
        // The list is asked for again when the metric is chosen; read it once that answer is shown.
        await similar.GetByTestId("similar-lesson-reason").Filter(new() { HasText = "shares metric retention-7d" }).WaitForAsync();
        (await similar.GetByTestId("similar-lesson-title").AllInnerTextsAsync()).ShouldBe([Title, "Ads banner placement"]);
        (await similar.GetByTestId("similar-lesson-reason").First.InnerTextAsync()).ShouldBe("shares metric retention-7d; mentions no, ads, retention");
        await UiJourney.CheckPageAsync(page, "experiment-wizard-similar-lessons");

        // A glossary term the lesson's text uses is linked from it, and lists it.
        await page.GotoAsync("/glossary");
        await page.Locator("[data-testid=glossary-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("no-terms").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "glossary-empty");
        await page.Locator("#term-term").FillAsync("No-ads trial");
        await page.Locator("#term-meaning").FillAsync("Users who see no ads for a quarter. They must not be in any other test.");
        await page.Locator("#term-origin").FillAsync("The retention launch that looked like +6% and shipped at -1%.");
        await page.GetByTestId("add-term").ClickAsync();
        await page.GetByTestId("term-link").Filter(new() { HasText = "No-ads trial" }).WaitForAsync();
        await UiJourney.CheckPageAsync(page, "glossary");

        await page.GotoAsync($"/learning/{id}");
        await page.Locator("[data-testid=lesson-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("lesson-term").AllInnerTextsAsync()).ShouldBe(["No-ads trial"]);
        await page.GetByTestId("lesson-term").ClickAsync();
        await page.Locator("[data-testid=term-page][data-interactive=true]").WaitForAsync();
        (await page.GetByTestId("term-lesson").AllInnerTextsAsync()).ShouldBe([Title]);
        (await GetAsync(api, "/api/v1/glossary/no-ads-trial")).GetProperty("lessons")[0].GetProperty("id").GetInt64().ShouldBe(id);
        await UiJourney.CheckPageAsync(page, "glossary-term");
    }

    private static async Task PostAsync(HttpClient api, string path, string json)
    {
        using HttpResponseMessage response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using HttpResponseMessage response = await api.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
