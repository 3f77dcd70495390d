using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>An administrator creates a flag, targets 10% of Sweden and Norway in production and turns it on, while an SDK watches; a viewer then sees it all and can change none of it.</summary>
public sealed class FlagRolloutJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Create_target_and_turn_on_in_production_reaches_the_sdk_stream()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;

        // An empty list teaches what flags are for and offers to create one.
        await page.GotoAsync("/flags");
        await FlagPages.InteractiveAsync(page);
        (await page.GetByTestId("flags-empty").InnerTextAsync()).ShouldContain("A flag lets you ship code turned off");
        await UiJourney.CheckPageAsync(page, "flag-list-empty");

        await page.GetByTestId("new-flag").ClickAsync();
        await page.WaitForURLAsync(journey.Root + "/flags/new");
        await FlagPages.InteractiveAsync(page);
        (await page.Locator("#variation-0-key").InputValueAsync()).ShouldBe("off");
        (await page.Locator("#variation-1-value").InputValueAsync()).ShouldBe("true");

        // A key the configuration cannot use is refused next to the field, in the service's words, and nothing is stored.
        await page.Locator("#flag-key").FillAsync("new checkout");
        await page.Locator("#flag-description").FillAsync("The one-page checkout.");
        await page.GetByTestId("create-flag").ClickAsync();
        await page.Locator("#key-error").WaitForAsync();
        (await page.Locator("#key-error").InnerTextAsync()).ShouldStartWith("'new checkout' is not a valid key.");
        (await page.Locator("#flag-key").GetAttributeAsync("aria-describedby"))!.ShouldContain("key-error");
        await UiJourney.CheckPageAsync(page, "flag-new-key-error");
        using HttpClient api = journey.Server.AdminApi();
        (await ListedKeysAsync(api)).ShouldBeEmpty();

        await page.Locator("#flag-key").FillAsync("new-checkout");
        await page.Locator("#flag-tags").FillAsync("checkout, team-payments");
        await UiJourney.CheckPageAsync(page, "flag-new");
        await page.GetByTestId("create-flag").ClickAsync();
        await page.WaitForURLAsync(journey.Root + "/flags/new-checkout");
        await FlagPages.InteractiveAsync(page);

        // A rule in production: country in SE, NO, 10% of them get "on".
        await using FlagSdkStream sdk = await FlagSdkStream.OpenAsync(journey.Server, "production", Ct);
        ILocator production = page.Locator("[data-testid=env-panel][data-environment=production]");
        await production.GetByTestId("add-rule").ClickAsync();
        await production.GetByTestId("add-condition").ClickAsync();
        await page.Locator("#production-rule-0-c0-attribute").FillAsync("country");
        await production.GetByTestId("condition-operator").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "is one of", Exact = true }).ClickAsync();
        await page.Locator("#production-rule-0-c0-value").FillAsync("SE, NO");
        await page.Locator("#production-rule-0-percentage").FillAsync("10");
        await page.Locator("#production-rule-0-percentage").BlurAsync();
        await page.GetByTestId("save").ClickAsync();
        await page.GetByTestId("saved").WaitForAsync();
        (await page.GetByTestId("saved").InnerTextAsync()).ShouldBe("Saved.");

        JsonElement stored = (await GetFlagAsync(api)).GetProperty("document").GetProperty("environments").GetProperty("production");
        stored.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        JsonElement rule = stored.GetProperty("rules")[0];
        rule.GetProperty("condition").GetRawText().ShouldBe("""{"country":{"$in":["SE","NO"]}}""");
        rule.GetProperty("rollout").GetProperty("percentage").GetDouble().ShouldBe(10);
        rule.GetProperty("rollout").GetProperty("variation").GetString().ShouldBe("on");

        // Turning it on asks first, and says plainly that this is production.
        await page.GetByTestId("toggle-production").ClickAsync();
        await page.GetByTestId("toggle-message").WaitForAsync();
        (await page.GetByRole(AriaRole.Dialog).InnerTextAsync()).ShouldContain("Turn 'new-checkout' ON in Production?");
        (await page.GetByTestId("toggle-message").InnerTextAsync()).ShouldStartWith("This is production: real users will get");
        await UiJourney.CheckPageAsync(page, "flag-toggle-dialog");
        await page.Locator("#toggle-reason").FillAsync("Launch in the Nordics");
        await page.GetByTestId("confirm-toggle").ClickAsync();
        await page.Locator("[data-testid=state-production][data-enabled=true]").WaitForAsync();

        // The SDK stream carries the flag, on in production with its 10% rule.
        JsonElement ruleSet = await sdk.WaitForAsync(set => ProductionState(set) is { } state &&
            state.GetProperty("enabled").GetBoolean() &&
            state.GetProperty("rules")[0].GetProperty("rollout").GetProperty("percentage").GetDouble() == 10, TimeSpan.FromSeconds(15), Ct);
        ProductionState(ruleSet)!.Value.GetProperty("rules")[0].GetProperty("condition").GetRawText().ShouldBe("""{"country":{"$in":["SE","NO"]}}""");

        // The history names who, where and why, with what changed.
        ILocator newest = page.GetByTestId("history-entry").First;
        await Assertions.Expect(newest).ToContainTextAsync("toggle in production");
        (await newest.InnerTextAsync()).ShouldContain("Reason: Launch in the Nordics");
        (await newest.Locator("td").AllInnerTextsAsync()).ShouldBe(["$.environments.production.enabled", "false", "true"]);
        (await page.GetByTestId("history-entry").CountAsync()).ShouldBe(3);
        await UiJourney.CheckPageAsync(page, "flag-page");

        await page.GotoAsync("/flags");
        await FlagPages.InteractiveAsync(page);
        (await page.Locator("[data-testid=flag-row][data-key=new-checkout] [data-testid=env-state][data-environment=production]").InnerTextAsync()).ShouldBe("Production: on");
        (await page.Locator("[data-testid=flag-row][data-key=new-checkout] [data-testid=env-state][data-environment=development]").InnerTextAsync()).ShouldBe("Development: off");
        await UiJourney.CheckPageAsync(page, "flag-list");

        // A viewer sees the list and the flag, and no control that would change them.
        await journey.AddPersonAsync("vera@example.com", "Vera Viewer", "viewer");
        (IBrowserContext viewerContext, IPage viewer) = await journey.SignInAsync("vera@example.com");
        await using IBrowserContext __ = viewerContext;
        await viewer.GotoAsync("/flags");
        await FlagPages.InteractiveAsync(viewer);
        (await viewer.GetByTestId("flag-row").CountAsync()).ShouldBe(1);
        (await viewer.GetByTestId("new-flag").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(viewer, "flag-list-viewer");
        await viewer.GotoAsync("/flags/new-checkout");
        await FlagPages.InteractiveAsync(viewer);
        await viewer.GetByTestId("history-entry").First.WaitForAsync();
        (await viewer.Locator("[data-testid=state-production]").GetAttributeAsync("data-enabled")).ShouldBe("true");
        (await viewer.Locator("[data-testid^=toggle-]").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("save").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("archive").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("add-rule").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("rule-edit").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("condition-row").CountAsync()).ShouldBe(0);
        (await viewer.GetByTestId("rule-json").InnerTextAsync()).ShouldContain("\"$in\"");
        await UiJourney.CheckPageAsync(viewer, "flag-page-viewer");
    }

    private static JsonElement? ProductionState(JsonElement ruleSet) =>
        ruleSet.GetProperty("flags").EnumerateArray().Where(f => f.GetProperty("key").GetString() == "new-checkout")
            .Select(f => (JsonElement?)f.GetProperty("environments").GetProperty("production")).FirstOrDefault();

    private static async Task<JsonElement> GetFlagAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/flags/new-checkout", Ct));

    private static async Task<string[]> ListedKeysAsync(HttpClient api)
    {
        JsonElement list = await api.GetFromJsonAsync<JsonElement>("/api/v1/flags", Ct);
        JsonElement items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        return [.. items.EnumerateArray().Select(i => i.GetProperty("key").GetString()!)];
    }
}
