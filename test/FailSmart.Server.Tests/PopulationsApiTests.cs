using System.Net;
using System.Text;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// Target populations over HTTP: a table is stored whole from JSON or CSV, or refused whole with each problem's
/// line and column, and storing the same table again changes nothing.
/// </summary>
public sealed class PopulationsApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private Task<HttpResponseMessage> PutAsync(string key, string body, string contentType, string query = "") =>
        _admin.PutAsync(new Uri($"/api/v1/populations/{key}{query}", UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType), ApiTestExtensions.Ct);

    private static string[] Paths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    [Fact]
    public async Task A_csv_with_bad_lines_is_refused_naming_line_and_column_and_a_good_one_is_stored_once()
    {
        using HttpResponseMessage bad = await PutAsync("launch", "country,platform,units\nDE,ios,100\nDE,android,-5\nFR,ios,many\nDE,ios,7\n", "text/csv");
        JsonElement problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Paths(problem).ShouldBe(["$.rows[4].units"]);
        problem.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("Line 4: units 'many' is not a number.");

        using HttpResponseMessage checkedRows = await PutAsync("launch", "country,platform,units\nDE,ios,100\nDE,android,-5\nDE,ios,7\n,web,3\n", "text/csv");
        Paths(await checkedRows.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.rows[3].units", "$.rows[4].values", "$.rows[5].country"]);
        using HttpResponseMessage noUnits = await PutAsync("launch", "country,platform\nDE,ios\n", "text/csv");
        Paths(await noUnits.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.header"]);
        (await _admin.GetPathAsync("/api/v1/populations/launch")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        string good = "country,units,platform\nDE,41000,ios\nDE,52000,android\nFR,30000,ios\n";
        using HttpResponseMessage created = await PutAsync("launch", good, "text/csv", "?description=Launch%20markets");
        using HttpResponseMessage again = await PutAsync("launch", good, "text/csv", "?description=Launch%20markets");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement stored = await again.JsonAsync();
        (stored.GetProperty("key").GetString(), stored.GetProperty("description").GetString(), stored.GetProperty("version").GetInt64(), stored.GetProperty("totalUnits").GetDouble())
            .ShouldBe(("launch", "Launch markets", 1L, 123000.0));
        stored.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()).ShouldBe(["country", "platform"]);
        stored.GetProperty("strata").EnumerateArray().Select(s => (string.Join('/', s.GetProperty("values").EnumerateArray().Select(v => v.GetString())), s.GetProperty("units").GetDouble()))
            .ShouldBe([("DE/ios", 41000.0), ("DE/android", 52000.0), ("FR/ios", 30000.0)]);
    }

    [Fact]
    public async Task Json_is_checked_field_by_field_and_a_population_can_be_listed_replaced_and_deleted()
    {
        using HttpResponseMessage unknown = await PutAsync("pilot", """{"attributes":["country"],"strata":[],"colour":"red"}""", "application/json");
        Paths(await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.colour"]);
        using HttpResponseMessage bad = await PutAsync("pilot", """{"attributes":["country","units"],"strata":[{"values":["NZ"],"units":5},{"values":["NZ","x"]}]}""", "application/json");
        Paths(await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.attributes", "$.strata[0].values", "$.strata[1].units"]);
        using HttpResponseMessage badKey = await PutAsync("bad%20key", """{"attributes":["country"],"strata":[{"values":["NZ"],"units":5}]}""", "application/json");
        Paths(await badKey.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["key"]);
        using HttpResponseMessage xml = await PutAsync("pilot", "<population/>", "application/xml");
        await xml.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        (await PutAsync("pilot", """{"attributes":["country"],"strata":[{"values":["NZ"],"units":5}]}""", "application/json")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using HttpResponseMessage replaced = await PutAsync("pilot", """{"description":"NZ only","attributes":["country"],"strata":[{"values":["NZ"],"units":6}]}""", "application/json");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replaced.JsonAsync()).GetProperty("version").GetInt64().ShouldBe(2);
        (await (await _admin.GetPathAsync("/api/v1/populations")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("key").GetString()).ShouldContain("pilot");

        using HttpResponseMessage deleted = await _admin.DeleteAsync(new Uri("/api/v1/populations/pilot", UriKind.Relative), ApiTestExtensions.Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        using HttpResponseMessage gone = await _admin.DeleteAsync(new Uri("/api/v1/populations/pilot", UriKind.Relative), ApiTestExtensions.Ct);
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=population&key=pilot")).JsonAsync();
        audit.ToString().ShouldContain("population.delete");
    }

    [Fact]
    public async Task If_match_that_is_not_an_etag_is_a_400_and_a_stale_version_a_412_and_neither_writes()
    {
        const string table = "country,units\nDE,100\nFR,200\n";
        (await PutAsync("guarded", table, "text/csv")).StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string ifMatch, string? csv = null)
        {
            using var request = new HttpRequestMessage(method, new Uri("/api/v1/populations/guarded", UriKind.Relative));
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            if (csv is not null)
            {
                request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
            }

            return await _admin.SendAsync(request, ApiTestExtensions.Ct);
        }

        using HttpResponseMessage malformed = await SendAsync(HttpMethod.Put, "version-one", "country,units\nDE,1\n");
        Paths(await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["If-Match"]);
        using HttpResponseMessage stale = await SendAsync(HttpMethod.Put, "\"7\"", "country,units\nDE,1\n");
        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("detail").GetString()!.ShouldContain("version 1");
        using HttpResponseMessage staleDelete = await SendAsync(HttpMethod.Delete, "\"7\"");
        await staleDelete.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        JsonElement unchanged = await (await _admin.GetPathAsync("/api/v1/populations/guarded")).JsonAsync();
        unchanged.GetProperty("version").GetInt64().ShouldBe(1);
        unchanged.GetProperty("totalUnits").GetDouble().ShouldBe(300);

        using HttpResponseMessage current = await SendAsync(HttpMethod.Put, "\"1\"", "country,units\nDE,1\n");
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await current.JsonAsync()).GetProperty("version").GetInt64().ShouldBe(2);
        using HttpResponseMessage deleted = await SendAsync(HttpMethod.Delete, "\"2\"");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
