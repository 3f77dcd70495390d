using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// `/api/v1/features`: every field checked and named in the answer, a refused write changes nothing,
/// duplicate keys conflict, a stale If-Match is refused, and archive keeps the feature readable.
/// </summary>
public sealed class FeaturesApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/metrics/checkout-conversion")).StatusCode == HttpStatusCode.NotFound)
        {
            await ResultsFixture.CreateAsync(_admin, "metrics", """{"key":"checkout-conversion","type":"conversion","event":"purchase"}""");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Feature(string key, string extra = "") => $$"""
        {"key":"{{key}}","name":"Delivery dates","owner":"team-checkout","problem":"Shoppers cannot see when an order arrives."{{extra}}}
        """;

    private async Task<JsonElement> CreateAsync(string key, string extra = "")
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features", Feature(key, extra));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/features/{key}");
        return await response.JsonAsync();
    }

    private async Task<JsonElement> GetAsync(string key) => await (await _admin.GetPathAsync($"/api/v1/features/{key}")).JsonAsync();

    private static string[] Paths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    [Fact]
    public async Task Create_answers_the_feature_in_think_with_what_was_sent()
    {
        JsonElement created = await CreateAsync("dates-create", """
            ,"hypothesis":{"statement":"Dates raise conversion","metric":"checkout-conversion","minimumEffect":0.02},
             "valuePerUnit":12.5,"currency":"EUR","costPerPersonDay":600
            """);

        (created.GetProperty("phase").GetString(), created.GetProperty("version").GetInt64(), created.GetProperty("archived").GetBoolean()).ShouldBe(("think", 1L, false));
        created.GetProperty("hypothesis").GetProperty("metric").GetString().ShouldBe("checkout-conversion");
        created.GetProperty("hypothesis").GetProperty("minimumEffect").GetDouble().ShouldBe(0.02);
        (created.GetProperty("currency").GetString(), created.GetProperty("costPerPersonDay").GetDouble()).ShouldBe(("EUR", 600d));
        (await GetAsync("dates-create")).GetProperty("name").GetString().ShouldBe("Delivery dates");
    }

    [Theory]
    [InlineData("""{"name":"n","owner":"o","problem":"p"}""", "$.key")]
    [InlineData("""{"key":"has space","name":"n","owner":"o","problem":"p"}""", "$.key")]
    [InlineData("""{"key":"v-name","name":" ","owner":"o","problem":"p"}""", "$.name")]
    [InlineData("""{"key":"v-owner","name":"n","problem":"p"}""", "$.owner")]
    [InlineData("""{"key":"v-problem","name":"n","owner":"o","problem":""}""", "$.problem")]
    [InlineData("""{"key":"v-statement","name":"n","owner":"o","problem":"p","hypothesis":{"metric":"checkout-conversion"}}""", "$.hypothesis.statement")]
    [InlineData("""{"key":"v-metric","name":"n","owner":"o","problem":"p","hypothesis":{"statement":"s","metric":"nope"}}""", "$.hypothesis.metric")]
    [InlineData("""{"key":"v-effect","name":"n","owner":"o","problem":"p","hypothesis":{"statement":"s","metric":"checkout-conversion","minimumEffect":0}}""", "$.hypothesis.minimumEffect")]
    [InlineData("""{"key":"v-effect2","name":"n","owner":"o","problem":"p","hypothesis":{"statement":"s","minimumEffect":0.1}}""", "$.hypothesis.minimumEffect")]
    [InlineData("""{"key":"v-kind","name":"n","owner":"o","problem":"p","links":[{"kind":"toggle","key":"x"}]}""", "$.links[0].kind")]
    [InlineData("""{"key":"v-link","name":"n","owner":"o","problem":"p","links":[{"kind":"flag","key":"no-such-flag"}]}""", "$.links[0].key")]
    [InlineData("""{"key":"v-null","name":"n","owner":"o","problem":"p","links":[null]}""", "$.links[0]")]
    [InlineData("""{"key":"v-value","name":"n","owner":"o","problem":"p","valuePerUnit":-1}""", "$.valuePerUnit")]
    [InlineData("""{"key":"v-cost","name":"n","owner":"o","problem":"p","costPerPersonDay":-5}""", "$.costPerPersonDay")]
    [InlineData("""{"key":"v-currency","name":"n","owner":"o","problem":"p","currency":"euro"}""", "$.currency")]
    public async Task Create_refuses_each_bad_field_naming_it_with_a_hint_and_stores_nothing(string body, string path)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features", body);

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Paths(problem).ShouldContain(path);
        problem.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("path").GetString() == path).GetProperty("hint").GetString().ShouldNotBeNullOrWhiteSpace();
        string? key = JsonDocument.Parse(body).RootElement.TryGetProperty("key", out JsonElement k) ? k.GetString() : null;
        if (key is not null && !key.Contains(' ', StringComparison.Ordinal))
        {
            (await _admin.GetPathAsync($"/api/v1/features/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Create_refuses_a_rollout_link_without_an_environment_and_an_unknown_top_level_field()
    {
        using HttpResponseMessage rollout = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features",
            Feature("v-rollout", ""","links":[{"kind":"rollout","key":"nope"}]"""));
        using HttpResponseMessage unknown = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features", Feature("v-unknown", ""","phase":"ship" """));

        Paths(await rollout.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.links[0].key", "$.links[0].environment"]);
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("phase");
        (await _admin.GetPathAsync("/api/v1/features/v-unknown")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_taken_key_conflicts_and_leaves_the_first_feature_as_it_was()
    {
        await CreateAsync("dates-twice");

        using HttpResponseMessage again = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features", Feature("dates-twice").Replace("Delivery dates", "Other", StringComparison.Ordinal));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        JsonElement stored = await GetAsync("dates-twice");
        (stored.GetProperty("name").GetString(), stored.GetProperty("version").GetInt64()).ShouldBe(("Delivery dates", 1L));
    }

    [Fact]
    public async Task Unknown_features_are_not_found_for_every_verb()
    {
        await (await _admin.GetPathAsync("/api/v1/features/ghost")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/ghost", Feature("ghost"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.SendJsonAsync(HttpMethod.Delete, "/api/v1/features/ghost", "{}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetPathAsync("/api/v1/features/ghost/decisions")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetPathAsync("/api/v1/features/ghost/timeline")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/ghost/decisions", """{"decision":"advance","reason":"r"}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        await CreateAsync("dates-stale");
        using HttpResponseMessage first = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/dates-stale", Feature("dates-stale").Replace("Delivery dates", "Dates v2", StringComparison.Ordinal), "\"1\"");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");

        using HttpResponseMessage stale = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/dates-stale", Feature("dates-stale").Replace("Delivery dates", "Dates v3", StringComparison.Ordinal), "\"1\"");
        using HttpResponseMessage badTag = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/dates-stale", Feature("dates-stale"), "W/banana");
        using HttpResponseMessage otherKey = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/dates-stale", Feature("other-key"));

        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        Paths(await badTag.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["If-Match"]);
        Paths(await otherKey.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["$.key"]);
        JsonElement stored = await GetAsync("dates-stale");
        (stored.GetProperty("name").GetString(), stored.GetProperty("version").GetInt64()).ShouldBe(("Dates v2", 2L));
    }

    [Fact]
    public async Task Archive_hides_from_lists_keeps_it_readable_refuses_edits_and_unarchive_brings_it_back()
    {
        await CreateAsync("dates-archive");

        using HttpResponseMessage archived = await _admin.SendJsonAsync(HttpMethod.Delete, "/api/v1/features/dates-archive", "{}", "\"1\"");
        archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        string[] listed = [.. (await (await _admin.GetPathAsync("/api/v1/features")).JsonAsync()).EnumerateArray().Select(f => f.GetProperty("key").GetString()!)];
        string[] all = [.. (await (await _admin.GetPathAsync("/api/v1/features?includeArchived=true")).JsonAsync()).EnumerateArray().Select(f => f.GetProperty("key").GetString()!)];
        using HttpResponseMessage edit = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/dates-archive", Feature("dates-archive"));
        using HttpResponseMessage decide = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/dates-archive/decisions", """{"decision":"iterate","reason":"r"}""");

        listed.ShouldNotContain("dates-archive");
        all.ShouldContain("dates-archive");
        (await GetAsync("dates-archive")).GetProperty("archived").GetBoolean().ShouldBeTrue();
        await edit.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await decide.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/dates-archive/unarchive", "{}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("dates-archive")).GetProperty("archived").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task List_filters_by_phase_and_words_and_refuses_an_unknown_phase()
    {
        await CreateAsync("dates-list-one");
        await CreateAsync("dates-list-two");
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/features/dates-list-two/decisions", """{"decision":"advance","reason":"The problem is real."}""")).StatusCode
            .ShouldBe(HttpStatusCode.Created);

        JsonElement build = await (await _admin.GetPathAsync("/api/v1/features?phase=build&q=dates-list")).JsonAsync();
        JsonElement think = await (await _admin.GetPathAsync("/api/v1/features?phase=think&q=DATES-LIST")).JsonAsync();

        build.EnumerateArray().Select(f => f.GetProperty("key").GetString()).ShouldBe(["dates-list-two"]);
        think.EnumerateArray().Select(f => f.GetProperty("key").GetString()).ShouldBe(["dates-list-one"]);
        Paths(await (await _admin.GetPathAsync("/api/v1/features?phase=launch")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["phase"]);
        Paths(await (await _admin.GetPathAsync("/api/v1/features?phase=1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldBe(["phase"]);
    }
}
