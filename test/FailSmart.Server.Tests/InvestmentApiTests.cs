using System.Net;
using System.Text;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// The ledger and the investment curve over HTTP: an import is all or nothing with each bad row named by its
/// line, importing the same file again changes nothing, and the curve and portfolio add the spend up.
/// </summary>
public sealed class InvestmentApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private async Task CreateFeatureAsync(string key, double? cost = null) =>
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features",
            $$"""{"key":"{{key}}","name":"{{key}}","owner":"team-checkout","problem":"Shoppers leave","currency":"EUR"{{(cost is null ? "" : $",\"costPerPersonDay\":{cost}")}}}"""))
        .StatusCode.ShouldBe(HttpStatusCode.Created);

    private Task<HttpResponseMessage> ImportAsync(string csv, string query = "", string contentType = "text/csv") =>
        _admin.PostAsync(new Uri("/api/v1/ledger/import" + query, UriKind.Relative), new StringContent(csv, Encoding.UTF8, contentType), ApiTestExtensions.Ct);

    [Fact]
    public async Task Import_with_a_bad_row_is_refused_naming_the_line_and_stores_nothing_then_the_same_good_file_twice_changes_nothing()
    {
        await CreateFeatureAsync("api-ledger", cost: 600);
        string good = "feature,week,phase,person_days,note\napi-ledger,2026-W14,think,5,\napi-ledger,2026-W15,build,10,\"API, page\"\n";

        using HttpResponseMessage bad = await ImportAsync(good + "api-ledger,2026-W16,ship,-1,\n");
        JsonElement problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$.rows[4].person_days"]);
        (await (await _admin.GetPathAsync("/api/v1/features/api-ledger/ledger")).JsonAsync()).GetArrayLength().ShouldBe(0);

        JsonElement dry = await (await ImportAsync(good, "?dryRun=true")).JsonAsync();
        JsonElement first = await (await ImportAsync(good)).JsonAsync();
        JsonElement second = await (await ImportAsync(good)).JsonAsync();

        (dry.GetProperty("created").GetInt32(), dry.GetProperty("dryRun").GetBoolean()).ShouldBe((2, true));
        (first.GetProperty("created").GetInt32(), first.GetProperty("changed").GetInt32()).ShouldBe((2, 2));
        (second.GetProperty("changed").GetInt32(), second.GetProperty("unchanged").GetInt32()).ShouldBe((0, 2));
        second.GetProperty("message").GetString().ShouldBe("2 rows: 0 changed (0 new, 0 replaced), 2 unchanged.");
        JsonElement ledger = await (await _admin.GetPathAsync("/api/v1/features/api-ledger/ledger")).JsonAsync();
        ledger.EnumerateArray().Select(e => (e.GetProperty("week").GetString(), e.GetProperty("weekStart").GetString(), e.GetProperty("personDays").GetDouble()))
            .ShouldBe([("2026-W14", "2026-03-30", 5.0), ("2026-W15", "2026-04-06", 10.0)]);
    }

    [Fact]
    public async Task Import_of_something_other_than_csv_is_refused_with_415_and_an_empty_file_with_400()
    {
        using HttpResponseMessage json = await ImportAsync("""{"csv":"feature"}""", contentType: "application/json");
        (await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("text/csv");

        using HttpResponseMessage empty = await ImportAsync("");
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.header");
    }

    [Fact]
    public async Task Writing_an_entry_validates_each_field_replaces_the_same_week_and_phase_and_deletes_by_id()
    {
        await CreateFeatureAsync("api-entry");

        using HttpResponseMessage bad = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/api-entry/ledger",
            """{"week":"2026-W60","phase":"stopped","personDays":0.1}""");
        JsonElement problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$.week", "$.phase", "$.personDays"]);

        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/api-entry/ledger", """{"week":"2026-04-01","personDays":2.5}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        JsonElement entry = await created.JsonAsync();
        using HttpResponseMessage replaced = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/api-entry/ledger",
            """{"week":"2026-W14","phase":"think","personDays":3,"note":"Interviews"}""");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement after = await replaced.JsonAsync();

        (after.GetProperty("id").GetInt64(), after.GetProperty("personDays").GetDouble(), after.GetProperty("phase").GetString())
            .ShouldBe((entry.GetProperty("id").GetInt64(), 3.0, "think"));
        using HttpResponseMessage deleted = await _admin.DeleteAsync(new Uri($"/api/v1/features/api-entry/ledger/{entry.GetProperty("id").GetInt64()}", UriKind.Relative), ApiTestExtensions.Ct);
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        using HttpResponseMessage again = await _admin.DeleteAsync(new Uri($"/api/v1/features/api-entry/ledger/{entry.GetProperty("id").GetInt64()}", UriKind.Relative), ApiTestExtensions.Ct);
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetPathAsync("/api/v1/features/nope/ledger")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_curve_and_the_portfolio_add_up_the_spend_and_say_the_return_is_not_measured()
    {
        await CreateFeatureAsync("api-curve", cost: 600);
        (await ImportAsync("feature,week,phase,person_days,cost_per_person_day\napi-curve,2026-W14,think,5,\napi-curve,2026-W15,build,10,500\n")).StatusCode.ShouldBe(HttpStatusCode.OK);

        JsonElement curve = await (await _admin.GetPathAsync("/api/v1/features/api-curve/investment")).JsonAsync();
        JsonElement portfolio = await (await _admin.GetPathAsync("/api/v1/investment/portfolio")).JsonAsync();

        (curve.GetProperty("personDays").GetDouble(), curve.GetProperty("spend").GetDouble(), curve.GetProperty("spendBeforeReturn").GetDouble())
            .ShouldBe((15.0, 8000.0, 8000.0));
        curve.GetProperty("weeks")[1].GetProperty("cumulativeSpend").GetDouble().ShouldBe(8000);
        JsonElement standing = curve.GetProperty("standing");
        (standing.GetProperty("status").GetString(), standing.GetProperty("summary").GetString()).ShouldBe(("unmeasured",
            "Spent 15 person-days (8,000 EUR); return not measured: link an experiment with results on the feature's hypothesis metric."));
        JsonElement row = portfolio.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("feature").GetString() == "api-curve");
        (row.GetProperty("spend").GetDouble(), row.GetProperty("status").GetString(), row.GetProperty("phase").GetString()).ShouldBe((8000.0, "unmeasured", "think"));
        await (await _admin.GetPathAsync("/api/v1/features/nope/investment")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
