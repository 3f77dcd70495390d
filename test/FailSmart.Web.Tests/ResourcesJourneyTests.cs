using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>Segments, holdouts, layers and metric definitions: create, a refused edit shown at its field, the fix, and archive.</summary>
public sealed class ResourcesJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Segments_holdouts_layers_and_metrics_are_created_corrected_and_archived()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;

        await EditKindAsync(page, "segments", "segment", "staff",
            create: async () =>
            {
                await page.Locator("#field-description").FillAsync("Employees, by their email address.");
                await page.Locator("#field-attribute").FillAsync("");
                await page.Locator("#field-condition").FillAsync("""{"email": {"$regex": "@example\\.com$"}}""");
            },
            bad: """{"key": "staff", "description": "Employees, by their email address.", "condition": {"plan": {"$bogus": 1}}}""",
            makeBad: () => page.Locator("#field-condition").FillAsync("""{"plan": {"$bogus": 1}}"""),
            fix: () => page.Locator("#field-condition").FillAsync("""{"plan": {"$eq": "staff"}}"""),
            check: doc => doc.GetProperty("condition").GetProperty("plan").GetProperty("$eq").GetString().ShouldBe("staff"));

        await EditKindAsync(page, "holdouts", "holdout", "long-term",
            create: async () =>
            {
                await page.Locator("#field-description").FillAsync("Kept out of everything for the quarter.");
                await page.Locator("#field-buckets").FillAsync("0");
                await page.Locator("#field-buckets-to").FillAsync("200");
            },
            bad: """{"key": "long-term", "buckets": [500, 100], "scope": {"all": true}, "description": "Kept out of everything for the quarter."}""",
            makeBad: async () =>
            {
                await page.Locator("#field-buckets").FillAsync("500");
                await page.Locator("#field-buckets-to").FillAsync("100");
            },
            fix: async () =>
            {
                await page.Locator("#field-buckets").FillAsync("0");
                await page.Locator("#field-buckets-to").FillAsync("300");
            },
            check: doc => doc.GetProperty("buckets")[1].GetDouble().ShouldBe(300));

        await EditKindAsync(page, "metrics", "metric definition", "checkout-rate",
            create: async () =>
            {
                await page.Locator("#field-event").FillAsync("purchase");
                await page.Locator("#field-description").FillAsync("Share of users who buy.");
            },
            bad: """{"key": "checkout-rate", "type": "ratio", "event": "purchase", "description": "Share of users who buy."}""",
            makeBad: () => page.Locator("#field-type").SelectOptionAsync("ratio"),
            fix: () => page.Locator("#field-denominatorEvent").FillAsync("session"),
            check: doc => doc.GetProperty("denominatorEvent").GetString().ShouldBe("session"));

        await LayerAsync(page);
    }

    private async Task EditKindAsync(
        IPage page, string segment, string singular, string key, Func<Task> create, string bad, Func<Task> makeBad, Func<Task> fix, Action<JsonElement> check)
    {
        using HttpClient api = journey.Server.AdminApi();

        // The empty list says what the thing is for and offers to create one.
        await page.GotoAsync("/" + segment);
        await page.GetByTestId("empty").WaitForAsync();
        (await page.GetByTestId("empty").InnerTextAsync()).ShouldContain("Create the first " + singular);
        await UiJourney.CheckPageAsync(page, $"{Shot(segment)}-list-empty");

        await ReadyAsync(page);
        await page.GetByTestId("create").ClickAsync();
        await page.WaitForURLAsync($"{journey.Root}/{segment}/new");
        await ReadyAsync(page);
        await page.Locator("#field-key").FillAsync(key);
        await create();
        await page.GetByTestId("save").ClickAsync();
        await page.WaitForURLAsync($"{journey.Root}/{segment}/{key}");
        await page.GetByTestId("archive").WaitForAsync();
        (await GetAsync(api, segment, key)).GetProperty("version").GetInt64().ShouldBe(1);

        // The same bad document sent through the API gives the message the page must show at the field.
        using HttpResponseMessage refused = await api.PutAsync($"/api/v1/{segment}/{key}", Json(bad), Ct);
        string problem = await refused.Content.ReadAsStringAsync(Ct);
        refused.StatusCode.ShouldBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity], problem);
        JsonElement error = JsonDocument.Parse(problem).RootElement.GetProperty("errors")[0];
        string path = error.GetProperty("path").GetString()!;
        path.ShouldStartWith("$.", Case.Sensitive, problem);
        string property = path[2..].Split('.', '[')[0];
        string expected = (error.GetProperty("message").GetString() + " " + (error.TryGetProperty("hint", out JsonElement hint) ? hint.GetString() : "")).Trim();

        await makeBad();
        await page.GetByTestId("save").ClickAsync();
        ILocator fieldError = page.Locator($"#field-{property}-error");
        await fieldError.WaitForAsync();
        (await fieldError.InnerTextAsync()).Trim().ShouldBe(expected);
        (await page.Locator($"#field-{property}").First.GetAttributeAsync("aria-describedby"))!.ShouldContain($"field-{property}-error");
        await UiJourney.CheckPageAsync(page, $"{Shot(segment)}-field-error");
        (await GetAsync(api, segment, key)).GetProperty("version").GetInt64().ShouldBe(1);

        await fix();
        await page.GetByTestId("save").ClickAsync();
        await page.GetByTestId("saved").WaitForAsync();
        (await page.GetByTestId("saved").InnerTextAsync()).ShouldBe("Saved (version 2).");
        (await fieldError.CountAsync()).ShouldBe(0);
        JsonElement saved = await GetAsync(api, segment, key);
        saved.GetProperty("version").GetInt64().ShouldBe(2);
        check(saved.GetProperty("document"));
        await UiJourney.CheckPageAsync(page, $"{Shot(segment)}-saved");

        await ArchiveAsync(page);
        await page.GetByTestId("archived").WaitForAsync();
        (await GetAsync(api, segment, key)).GetProperty("archived").GetBoolean().ShouldBeTrue();

        // The list hides it until archived ones are asked for.
        await page.GotoAsync("/" + segment);
        await page.GetByTestId("empty").WaitForAsync();
        await page.GotoAsync($"/{segment}?archived=true");
        await page.GetByTestId($"row-{key}").WaitForAsync();
        (await page.GetByTestId($"row-{key}").InnerTextAsync()).ShouldContain("archived");
        await UiJourney.CheckPageAsync(page, $"{Shot(segment)}-list-archived");
    }

    private async Task LayerAsync(IPage page)
    {
        using HttpClient api = journey.Server.AdminApi();
        await page.GotoAsync("/layers");
        await page.GetByTestId("empty").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "layer-list-empty");
        await ReadyAsync(page);
        await page.GetByTestId("create").ClickAsync();
        await page.WaitForURLAsync(journey.Root + "/layers/new");
        await ReadyAsync(page);
        await page.Locator("#field-key").FillAsync("checkout");
        await page.Locator("#field-description").FillAsync("Checkout experiments, which must not share users.");
        await page.Locator("#field-salt").FillAsync("checkout-2026");
        await page.GetByTestId("save").ClickAsync();
        await page.WaitForURLAsync(journey.Root + "/layers/checkout");
        await page.GetByTestId("bucket-table").WaitForAsync();
        (await page.GetByTestId("span-free").InnerTextAsync()).ShouldContain("0 – 10,000");

        // Two experiments claim spans of it; the map follows live.
        foreach ((string experiment, int from, int to) in new[] { ("one-page-checkout", 0, 2500), ("express-pay", 5000, 7500) })
        {
            using HttpResponseMessage created = await api.PostAsJsonAsync("/api/v1/experiments", new
            {
                key = experiment,
                variations = new[] { new { key = "off", weight = 0.5 }, new { key = "on", weight = 0.5 } },
                layer = new { key = "checkout", buckets = new[] { from, to } },
            }, Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }

        await page.GetByTestId("span-express-pay").WaitForAsync();
        string[] rows = [.. (await page.GetByTestId("bucket-table").Locator("tbody tr").AllInnerTextsAsync()).Select(r => string.Join(" ", r.Split((char[])['\t', '\n'], StringSplitOptions.RemoveEmptyEntries)))];
        rows.ShouldBe([
            "0 – 2,500 25% Experiment one-page-checkout running",
            "2,500 – 5,000 25% Free",
            "5,000 – 7,500 25% Experiment express-pay running",
            "7,500 – 10,000 25% Free",
        ]);
        await UiJourney.CheckPageAsync(page, "layer-bucket-map");

        // A tag that is not one is refused at the tags field, in the service's words.
        using HttpResponseMessage refused = await api.PutAsync("/api/v1/layers/checkout", Json(
            """{"key": "checkout", "description": "Checkout experiments, which must not share users.", "salt": "checkout-2026", "tags": ["not a tag!"]}"""), Ct);
        JsonElement error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.tags[0]");
        await page.Locator("#field-tags").FillAsync("not a tag!");
        await page.GetByTestId("save").ClickAsync();
        await page.Locator("#field-tags-error").WaitForAsync();
        (await page.Locator("#field-tags-error").InnerTextAsync()).Trim().ShouldBe($"{error.GetProperty("message").GetString()} {error.GetProperty("hint").GetString()}".Trim());
        await UiJourney.CheckPageAsync(page, "layer-field-error");
        await page.Locator("#field-tags").FillAsync("checkout\nteam-payments");
        await page.GetByTestId("save").ClickAsync();
        await page.GetByTestId("saved").WaitForAsync();
        (await GetAsync(api, "layers", "checkout")).GetProperty("tags").GetArrayLength().ShouldBe(2);

        // Archiving a layer that experiments still use is refused with the service's explanation.
        using HttpResponseMessage inUse = await api.DeleteAsync("/api/v1/layers/checkout", Ct);
        inUse.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        string detail = JsonDocument.Parse(await inUse.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString()!;
        await ArchiveAsync(page);
        await page.GetByTestId("problem").WaitForAsync();
        (await page.GetByTestId("problem").InnerTextAsync()).ShouldContain(detail);
        (await GetAsync(api, "layers", "checkout")).GetProperty("archived").GetBoolean().ShouldBeFalse();
        await UiJourney.CheckPageAsync(page, "layer-archive-refused");

        foreach (string experiment in new[] { "one-page-checkout", "express-pay" })
        {
            (await api.DeleteAsync("/api/v1/experiments/" + experiment, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await page.GetByTestId("span-express-pay").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await ArchiveAsync(page);
        await page.GetByTestId("archived").WaitForAsync();
        (await GetAsync(api, "layers", "checkout")).GetProperty("archived").GetBoolean().ShouldBeTrue();
    }

    private static async Task ArchiveAsync(IPage page)
    {
        await page.GetByTestId("archive").ClickAsync();
        ILocator dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        await UiJourney.CheckPageAsync(page, "resource-archive-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string segment, string key) =>
        JsonDocument.Parse(await api.GetStringAsync($"/api/v1/{segment}/{key}", Ct)).RootElement.Clone();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Shot(string segment) => segment.TrimEnd('s');

    // Pages render first on the server, then connect; clicks only work once the page is interactive.
    private static Task ReadyAsync(IPage page) => page.Locator("h1[data-interactive=true]").WaitForAsync();
}
