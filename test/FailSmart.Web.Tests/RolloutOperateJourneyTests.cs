using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// An editor reads a rollout's next step, pauses it by hand, is told at the field that rolling back needs a
/// reason, rolls it back; the page, the audit page and the audit API show who, when and why for both.
/// </summary>
public sealed class RolloutOperateJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Flag = """
        {"key":"search-ranking","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
           "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{
             "stages":[{"percentage":5,"minUnits":1000},{"percentage":25},{"percentage":100}]} } }]} } }
        """;

    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task Editor_pauses_and_rolls_back_by_hand_and_the_audit_shows_who_when_and_why()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using HttpClient api = journey.Server.AdminApi();
        (await api.PostAsync("/api/v1/flags", new StringContent(Flag, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await page.GotoAsync("/rollouts");
        await page.GetByTestId("rollout-search-ranking-ramp").WaitForAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("/rollouts/production/search-ranking/ramp");
        await page.Locator("[data-testid=rollout-page][data-interactive=true]").WaitForAsync();

        // The next step says where it goes, what it needs and when; the ladder marks each stage.
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync("Advances to 25% at the earliest on ");
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync("once 1,000 units have the feature (0 so far). If it still lacks that on ");
        (await page.GetByTestId("stage-1").GetAttributeAsync("data-state")).ShouldBe("now");
        (await page.GetByTestId("stage-2").GetAttributeAsync("data-state")).ShouldBe("next");
        (await page.GetByTestId("stage-3").GetAttributeAsync("data-state")).ShouldBe("later");
        (await page.GetByTestId("stage-1").InnerTextAsync()).ShouldContain("entered ");
        JsonElement rollout = JsonDocument.Parse(await api.GetStringAsync("/api/v1/rollouts/production/search-ranking/ramp", Ct)).RootElement;
        rollout.GetProperty("next").GetProperty("kind").GetString().ShouldBe("advance");
        (await page.GetByTestId("next-text").InnerTextAsync()).ShouldBe(rollout.GetProperty("next").GetProperty("text").GetString());
        await UiJourney.CheckPageAsync(page, "rollout-next-step");

        await page.GetByLabel("Reason (required)").FillAsync("Search latency alerts fired");
        await page.GetByTestId("command-pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Paused");
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync($"Paused by {UiJourney.AdminName}");
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync(": Search latency alerts fired. Nothing climbs until someone resumes it");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Search latency alerts fired");
        await UiJourney.CheckPageAsync(page, "rollout-paused-by-hand");

        // Rolling back without a reason is refused at the reason's field, and nothing changes.
        await page.GetByTestId("command-rollback").ClickAsync();
        await Assertions.Expect(page.Locator("#rollout-reason-error")).ToContainTextAsync("A reason is required.");
        (await page.GetByTestId("status").InnerTextAsync()).ShouldBe("Paused");
        JsonDocument.Parse(await api.GetStringAsync("/api/v1/rollouts/production/search-ranking/ramp", Ct)).RootElement
            .GetProperty("status").GetString().ShouldBe("paused");
        await UiJourney.CheckPageAsync(page, "rollout-reason-missing");

        await page.GetByLabel("Reason (required)").FillAsync("Latency doubled at 5%");
        await page.GetByTestId("command-rollback").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Rolled back");
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync($"Rolled back by {UiJourney.AdminName}");
        await Assertions.Expect(page.GetByTestId("next-text")).ToContainTextAsync(": Latency doubled at 5%. The feature is served to nobody");
        (await page.GetByTestId("stage-1").GetAttributeAsync("data-state")).ShouldBe("stopped");
        (await page.GetByTestId("stage-2").GetAttributeAsync("data-state")).ShouldBe("never");
        (await page.GetByTestId("history").InnerTextAsync()).ShouldContain("Latency doubled at 5%");
        (await page.Locator("[data-testid^=command-]").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(page, "rollout-rolled-back");

        // The audit API: who, when and why, for both commands.
        JsonElement[] entries = [.. JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit?key=search-ranking", Ct)).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() is "rollout.pause" or "rollout.rollback")];
        entries.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("reason").GetString()))
            .ShouldBe([("rollout.rollback", "ramp: Latency doubled at 5%"), ("rollout.pause", "ramp: Search latency alerts fired")]);
        foreach (JsonElement entry in entries)
        {
            entry.GetProperty("actor").GetString().ShouldNotBeNull().ShouldContain(UiJourney.AdminName);
            entry.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        // The audit page: the same two entries with who, when and why.
        await page.GotoAsync("/audit?key=search-ranking");
        foreach (JsonElement entry in entries)
        {
            ILocator row = page.GetByTestId("entry-" + entry.GetProperty("id").GetInt64());
            await Assertions.Expect(row.GetByTestId("action")).ToHaveTextAsync(entry.GetProperty("action").GetString()!);
            await Assertions.Expect(row.GetByTestId("actor")).ToContainTextAsync(UiJourney.AdminName);
            await Assertions.Expect(row).ToContainTextAsync(entry.GetProperty("reason").GetString()!);
            (await row.Locator("time").GetAttributeAsync("datetime")).ShouldNotBeNullOrEmpty();
        }

        await UiJourney.CheckPageAsync(page, "audit-rollout-commands");
    }
}
