using System.Net;
using System.Text.RegularExpressions;
using FailSmart.Testing;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// Two replicas as real processes on one PostgreSQL database, started together, each with a home folder of
/// its own (where ASP.NET Core would otherwise keep a key ring per machine): a form token and a session
/// cookie issued by one are accepted by the other, as a browser behind a load balancer needs.
/// </summary>
public sealed partial class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Session_cookie_and_form_token_issued_by_one_replica_are_accepted_by_the_other()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(Ct);
        using var homeA = new TemporaryFolder();
        using var homeB = new TemporaryFolder();
        using ReplicaProcess a = ReplicaProcess.Launch(stores.Arguments, Home(homeA));
        using ReplicaProcess b = ReplicaProcess.Launch(stores.Arguments, Home(homeB));
        await Task.WhenAll(a.WaitUntilHealthyAsync(Ct), b.WaitUntilHealthyAsync(Ct));

        // One browser: cookies are per host, not per port, so both replicas get the same ones.
        var cookies = new CookieContainer();
        using HttpClient toA = Browser(a, cookies);
        using HttpClient toB = Browser(b, cookies);

        string token = TokenPattern().Match(await toA.GetStringAsync(new Uri("/", UriKind.Relative), Ct)) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The first-run page has no antiforgery token.");
        using HttpResponseMessage created = await toB.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "first-run",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "ada@example.com",
            ["Input.DisplayName"] = "Ada",
            ["Input.Password"] = "correct horse battery",
        }), Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, "replica B accepts the form token replica A issued");
        cookies.GetCookies(b.Address).Any(c => c.Name == "FailSmart.Session").ShouldBeTrue();
        using HttpResponseMessage page = await toA.GetAsync(new Uri("/flags", UriKind.Relative), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "replica A accepts the session cookie replica B issued");
        (await stores.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE name LIKE 'key-%'")).ShouldBe(1, "replicas started together keep one first key");
        Directory.EnumerateFileSystemEntries(homeA.Path, "*", SearchOption.AllDirectories).ShouldNotContain(p => p.Contains("DataProtection", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string> Home(TemporaryFolder folder) => new()
    {
        ["HOME"] = folder.Path,
        ["XDG_DATA_HOME"] = Path.Combine(folder.Path, "data"),
    };

    private static HttpClient Browser(ReplicaProcess replica, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = replica.Address };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
