using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// An administrator schedules a flag to turn on and cancels it with a reason; then creates a webhook, copies
/// its secret (shown once), sends a test, and sees it delivered in the delivery log.
/// </summary>
public sealed class SchedulesAndWebhooksJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private static CancellationToken Ct => UiJourney.Ct;

    [Fact]
    public async Task A_scheduled_toggle_is_cancelled_and_a_webhook_test_is_delivered()
    {
        (IBrowserContext context, IPage page) = await journey.SignInAsync();
        await using IBrowserContext _ = context;
        using (HttpClient admin = journey.Server.AdminApi())
        {
            using var flag = new StringContent(
                """{"key":"launch-day","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]}}}""",
                Encoding.UTF8, "application/json");
            (await admin.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), flag, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await page.GotoAsync("/schedules?flag=launch-day");
        await page.Locator("[data-testid=schedules-page][data-interactive=true]").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "schedules-empty");

        await page.Locator("#schedule-environment").SelectOptionAsync("production");
        await page.Locator("#schedule-reason").FillAsync("Launch on Monday");
        await page.GetByTestId("schedule-create").ClickAsync();
        await page.GetByTestId("schedule-message").WaitForAsync();
        ILocator row = page.Locator("tr", new() { HasText = "turn flag 'launch-day' on in production" });
        (await row.GetByTestId("status").InnerTextAsync()).Trim().ShouldBe("pending");
        (await row.InnerTextAsync()).ShouldContain("Launch on Monday");
        await UiJourney.CheckPageAsync(page, "schedule-created");

        await row.GetByTestId("cancel-reason").FillAsync("The launch moved");
        await row.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("schedule-message").Filter(new() { HasText = "Cancelled" }).WaitForAsync();
        (await row.GetByTestId("status").InnerTextAsync()).Trim().ShouldBe("cancelled: The launch moved");
        (await row.GetByTestId("cancel").CountAsync()).ShouldBe(0);
        await UiJourney.CheckPageAsync(page, "schedule-cancelled");

        await using Receiver receiver = await Receiver.StartAsync();
        await page.GotoAsync("/webhooks");
        await page.Locator("[data-testid=webhooks-page][data-interactive=true]").WaitForAsync();
        await page.GetByTestId("webhook-form").WaitForAsync();
        await UiJourney.CheckPageAsync(page, "webhooks-empty");

        await page.Locator("#webhook-url").FillAsync("ftp://nowhere.example.com/");
        await page.GetByTestId("webhook-create").ClickAsync();
        await page.Locator("#webhook-url-error").WaitForAsync();
        (await page.Locator("#webhook-url-error").InnerTextAsync()).ShouldContain("is not an http or https URL");
        await UiJourney.CheckPageAsync(page, "webhook-field-error");

        await page.Locator("#webhook-url").FillAsync(receiver.Url);
        await page.GetByTestId("webhook-create").ClickAsync();
        string secret = (await page.GetByTestId("webhook-secret").InnerTextAsync()).Trim();
        secret.ShouldStartWith("whsec_");
        await UiJourney.CheckPageAsync(page, "webhook-secret");
        await page.GetByTestId("close-webhook-secret").ClickAsync();
        // The dialog closes on the server's next render; read the page once it has.
        await page.GetByTestId("webhook-secret").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.ContentAsync()).ShouldNotContain(secret);

        ILocator hook = page.Locator("tr", new() { HasText = receiver.Url });
        await hook.GetByTestId("send-test").ClickAsync();
        await page.GetByTestId("delivery-log").WaitForAsync();
        for (int attempt = 0; attempt < 60 && !(await page.GetByTestId("delivery-status").First.InnerTextAsync()).Contains("delivered", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(250, Ct);
            await page.GetByTestId("refresh-log").ClickAsync();
        }

        (await page.GetByTestId("delivery-status").First.InnerTextAsync()).Trim().ShouldBe("delivered");
        (await page.GetByTestId("delivery-log").InnerTextAsync()).ShouldContain("ping");
        await UiJourney.CheckPageAsync(page, "webhook-delivered");
        receiver.Events.ShouldContain("ping");
    }

    /// <summary>A loopback receiver that records the event types it is sent.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Events { get; } = new();

        public string Url => _app.Urls.First() + "/hook";

        public static async Task<Receiver> StartAsync()
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            WebApplication app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", (HttpRequest request) =>
            {
                receiver.Events.Enqueue(request.Headers["FailSmart-Event"].ToString());
                return Microsoft.AspNetCore.Http.Results.Ok();
            });
            await app.StartAsync(Ct);
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
