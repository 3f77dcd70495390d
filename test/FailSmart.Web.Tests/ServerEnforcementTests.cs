using System.Net;

namespace FailSmart.Web.Tests;

/// <summary>What the server enforces whatever the browser does: plain HTTP, no JavaScript.</summary>
public sealed class ServerEnforcementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(UiServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };

    [Fact]
    public async Task Signed_in_page_anonymous_request_redirects_to_sign_in()
    {
        await using UiServer server = await UiServer.StartAsync(Ct);
        using HttpClient client = Client(server);

        HttpResponseMessage response = await client.GetAsync(new Uri("/flags", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location.ShouldNotBeNull().PathAndQuery.ShouldBe("/account/sign-in?ReturnUrl=%2Fflags");
    }

    [Fact]
    public async Task First_run_form_posted_when_an_admin_exists_is_refused()
    {
        await using UiServer server = await UiServer.StartAsync(Ct);
        using HttpClient first = Client(server);
        HttpResponseMessage created = await UiForms.PostFirstRunAsync(
            first, await UiForms.AntiforgeryTokenAsync(first, "/", Ct), "ada@example.com", "correct horse battery", Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("FailSmart.Session=", StringComparison.Ordinal));

        using HttpClient second = Client(server);
        HttpResponseMessage refused = await UiForms.PostFirstRunAsync(
            second, await UiForms.AntiforgeryTokenAsync(second, "/account/sign-in", Ct), "eve@example.com", "another long password", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("An administrator already exists, so no account was created.");
        refused.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("FailSmart.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task First_run_form_without_antiforgery_token_is_refused()
    {
        await using UiServer server = await UiServer.StartAsync(Ct);
        using HttpClient client = Client(server);

        HttpResponseMessage response = await client.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "first-run",
            ["Input.UserName"] = "mallory@example.com",
            ["Input.DisplayName"] = "Mallory",
            ["Input.Password"] = "a long enough password",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct)).ShouldContain("Create the first administrator");
    }
}
