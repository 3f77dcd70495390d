using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>Two people have the same flag open; one turns it on, and the other's page shows it without a reload.</summary>
public sealed class FlagLiveJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task A_toggle_in_one_browser_shows_in_another_without_a_reload()
    {
        await journey.EnsureStartedAsync();
        using HttpClient api = journey.Server.AdminApi();
        using HttpResponseMessage created = await api.PostAsJsonAsync("/api/v1/flags", new
        {
            key = "dark-mode",
            description = "The dark theme.",
            variations = new object[] { new { key = "off", value = false }, new { key = "on", value = true } },
            environments = new
            {
                staging = new { enabled = false, offVariation = "off", defaultVariation = "on", rules = Array.Empty<object>() },
            },
        }, Ct);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        await journey.AddPersonAsync("grace@example.com", "Grace Hopper", "editor");
        (IBrowserContext firstContext, IPage first) = await journey.SignInAsync();
        await using IBrowserContext _ = firstContext;
        (IBrowserContext secondContext, IPage second) = await journey.SignInAsync("grace@example.com");
        await using IBrowserContext __ = secondContext;

        await first.GotoAsync("/flags/dark-mode");
        await FlagPages.InteractiveAsync(first);
        await second.GotoAsync("/flags/dark-mode");
        await FlagPages.InteractiveAsync(second);
        (await second.GetByTestId("state-staging").GetAttributeAsync("data-enabled")).ShouldBe("false");
        string secondUrl = second.Url;
        int loads = 0;
        second.Load += (_, _) => loads++;
        second.FrameNavigated += (_, _) => loads++;

        // Cancelling the confirmation changes nothing.
        await first.GetByTestId("toggle-staging").ClickAsync();
        (await first.GetByTestId("toggle-message").InnerTextAsync()).ShouldStartWith("Users of Staging will get");
        await first.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await first.GetByTestId("toggle-message").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await first.GetByTestId("toggle-staging").InnerTextAsync()).ShouldStartWith("TURN ON", Case.Insensitive);
        (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/flags/dark-mode", Ct)).GetProperty("version").GetInt64().ShouldBe(1);

        await first.GetByTestId("toggle-staging").ClickAsync();
        await first.GetByTestId("confirm-toggle").ClickAsync();
        await first.Locator("[data-testid=state-staging][data-enabled=true]").WaitForAsync();

        // The second page follows, on its own live connection.
        await second.Locator("[data-testid=state-staging][data-enabled=true]").WaitForAsync(new() { Timeout = 10_000 });
        second.Url.ShouldBe(secondUrl);
        loads.ShouldBe(0);
        (await second.GetByTestId("history-entry").First.InnerTextAsync()).ShouldContain("toggle in staging");
        await UiJourney.CheckPageAsync(second, "flag-page-live");

        // A search in the list narrows it as the person types.
        await second.GotoAsync("/flags");
        await FlagPages.InteractiveAsync(second);
        await second.Locator("#flag-search").FillAsync("dark");
        await second.WaitForURLAsync(journey.Root + "/flags?q=dark");
        (await second.GetByTestId("flag-row").CountAsync()).ShouldBe(1);
        await second.Locator("#flag-search").FillAsync("nothing-like-this");
        await second.GetByTestId("no-match").WaitForAsync();
        (await second.GetByTestId("flag-row").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(second, "flag-list-no-match");
    }
}
