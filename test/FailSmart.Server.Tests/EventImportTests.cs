using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

public sealed class EventImportTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/button-copy")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly DateTimeOffset s_longAgo = DateTimeOffset.UtcNow.AddDays(-400);

    private static string At(int minute) => s_longAgo.AddMinutes(minute).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string query, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync(new Uri("/api/v1/imports/events" + query, UriKind.Relative), content, ApiTestExtensions.Ct);
    }

    private static async Task<JsonElement[]> ProgressAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/x-ndjson");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private async Task<(long Units, double Sum)> ImportedAsync(string unitPrefix, string eventName)
    {
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow);
        MetricAnalysis analysis = await store.AnalyzeMetricAsync(scope, MetricDefinition.Sum("s-" + eventName, eventName), ApiTestExtensions.Ct);
        return (analysis.Variations.Sum(v => v.Units), analysis.Variations.Sum(v => v.Sum));
    }

    [Fact]
    public async Task Ndjson_history_of_any_age_is_stored_and_a_second_import_counts_once()
    {
        string p = Guid.NewGuid().ToString("N");
        string exposures = string.Join("\n", Enumerable.Range(0, 10).Select(i =>
            $$"""{"id":"{{p}}-x{{i}}","unitId":"{{p}}-u{{i}}","timestamp":"{{At(i)}}","experiment":"button-copy","variation":"{{(i % 2 == 0 ? "control" : "bold")}}"}"""));
        string events = string.Join("\n", Enumerable.Range(0, 10).Select(i =>
            $$"""{"unitId":"{{p}}-u{{i}}","timestamp":"{{At(60 + i)}}","event":"imp-{{p}}","value":{{i + 1}}}"""));

        JsonElement[] first = await ProgressAsync(await ImportAsync(_admin, "?kind=exposures&format=ndjson", exposures, "application/x-ndjson"));
        JsonElement[] firstEvents = await ProgressAsync(await ImportAsync(_admin, "?kind=events", events, "application/x-ndjson"));
        JsonElement[] again = await ProgressAsync(await ImportAsync(_admin, "?kind=events", events, "application/x-ndjson"));

        first[^1].GetProperty("stage").GetString().ShouldBe("done");
        first[^1].GetProperty("accepted").GetInt32().ShouldBe(10);
        firstEvents[0].GetProperty("stage").GetString().ShouldBe("storing");
        firstEvents[^1].GetProperty("accepted").GetInt32().ShouldBe(10);
        // Events without ids got ids from their content, so the second import finds every one of them.
        again[^1].GetProperty("stage").GetString().ShouldBe("done");
        again[^1].GetProperty("accepted").GetInt32().ShouldBe(0);
        again[^1].GetProperty("duplicates").GetInt32().ShouldBe(10);
        (await ImportedAsync(p, "imp-" + p)).Sum.ShouldBe(55);
    }

    [Fact]
    public async Task Csv_with_a_bad_row_is_refused_naming_its_line_and_stores_nothing()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"""
            unit_id,timestamp,event,value,country
            {p}-u1,{At(1)},bad-{p},3,SE
            {p}-u2,2026-12-06 10:00:00,bad-{p},4,NO
            {p}-u3,{At(3)},bad-{p},not-a-number,"Sweden, north"
            {p}-u4,{At(4)},bad-{p},5,"multi
            line"
            """;
        var exposure = new Exposure(p + "-x", "production", p + "-u1", "button-copy", 1, 0, s_longAgo);
        await factory.Services.GetRequiredService<IEventStore>().AppendAsync(EventBatch.Of(exposure), ApiTestExtensions.Ct);

        using HttpResponseMessage response = await ImportAsync(_admin, "?kind=events&format=csv", csv, "text/csv");

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rows").GetInt32().ShouldBe(4);
        problem.GetProperty("refusedRows").GetInt32().ShouldBe(2);
        var errors = problem.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("message").GetString()!);
        errors.Keys.ShouldBe(["line 3", "line 4"]);
        errors["line 3"].ShouldContain("'2026-12-06 10:00:00' is not one");
        errors["line 4"].ShouldContain("value must be a number");
        (await ImportedAsync(p, "bad-" + p)).Sum.ShouldBe(0);
    }

    [Fact]
    public async Task Csv_exposures_carry_their_extra_columns_as_properties()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"""
            id,unit_id,timestamp,experiment,variation,phase,plan
            {p}-a,{p}-u1,{At(1)},button-copy,green,1,pro-{p}
            {p}-b,{p}-u2,{At(2)},button-copy,bold,1,pro-{p}

            """;

        JsonElement[] progress = await ProgressAsync(await ImportAsync(_admin, "?kind=exposures&format=csv", csv, "text/csv"));

        progress[^1].GetProperty("accepted").GetInt32().ShouldBe(2);
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow);
        MetricBreakdown split = await factory.Services.GetRequiredService<IEventStore>()
            .AnalyzeBreakdownAsync(scope, MetricDefinition.Count("c-" + p, "none-" + p), "plan", ApiTestExtensions.Ct);
        split.Segments.Single(s => s.Value == "pro-" + p).Variations.Select(v => (v.Variation, v.Units)).ShouldBe([(1, 1L), (2, 1L)]);
    }

    [Theory]
    [InlineData("", "kind")]
    [InlineData("?kind=clicks", "kind")]
    [InlineData("?kind=events&format=xml", "format")]
    [InlineData("?kind=events&environment=nowhere", "environment")]
    public async Task Bad_query_is_400_naming_the_parameter(string query, string parameter)
    {
        using HttpResponseMessage response = await ImportAsync(_admin, query, "{}", "application/x-ndjson");

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe(parameter);
    }

    [Fact]
    public async Task Rows_of_the_other_kind_are_refused()
    {
        string p = Guid.NewGuid().ToString("N");
        string row = $$"""{"type":"exposure","unitId":"{{p}}","timestamp":"{{At(1)}}","experiment":"button-copy","variation":"bold"}""";

        using HttpResponseMessage response = await ImportAsync(_admin, "?kind=events", row, "application/x-ndjson");

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("holds only \"event\" rows");
    }

    [Fact]
    public async Task Only_admin_keys_may_import()
    {
        using HttpClient server = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));
        using HttpClient anonymous = factory.ClientWithKey(null);
        string row = $$"""{"unitId":"u","timestamp":"{{At(1)}}","event":"purchase"}""";

        await (await ImportAsync(server, "?kind=events", row, "application/x-ndjson")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await ImportAsync(anonymous, "?kind=events", row, "application/x-ndjson")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
