using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

public sealed class EventIngestionTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private HttpClient _sdk = null!;

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/button-copy")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
        }

        _sdk = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));
    }

    public ValueTask DisposeAsync()
    {
        _sdk.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    private static string Exposure(string id, string unit, string variation = "green") =>
        $$$"""{"id":"{{{id}}}","type":"exposure","unitId":"{{{unit}}}","timestamp":"{{{Now}}}","experiment":"button-copy","variation":"{{{variation}}}","properties":{"country":"SE"}}""";

    private static string Purchase(string id, string unit, double value) =>
        $$"""{"id":"{{id}}","type":"event","unitId":"{{unit}}","timestamp":"{{Now}}","event":"purchase","value":{{value}},"platform":"ios"}""";

    private Task<long> StoredExposuresAsync() => factory.Services.GetRequiredService<IEventStore>().CountExposuresAsync(ApiTestExtensions.Ct);

    [Fact]
    public async Task Valid_batch_is_stored_and_a_retry_counts_once()
    {
        string prefix = Guid.NewGuid().ToString("N");
        string batch = $"[{Exposure(prefix + "-e1", "u1")},{Exposure(prefix + "-e2", "u2", "bold")},{Purchase(prefix + "-p1", "u1", 12.5)}]";
        long before = await StoredExposuresAsync();

        var first = await (await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();
        var retry = await (await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();

        first.GetProperty("accepted").GetInt32().ShouldBe(3);
        first.GetProperty("rejected").GetArrayLength().ShouldBe(0);
        retry.GetProperty("accepted").GetInt32().ShouldBe(0);
        retry.GetProperty("duplicates").GetInt32().ShouldBe(3);
        (await StoredExposuresAsync()).ShouldBe(before + 2);
    }

    [Fact]
    public async Task Partly_invalid_batch_stores_the_valid_events_and_reports_each_rejected_one()
    {
        string p = Guid.NewGuid().ToString("N");
        string batch = "[" + string.Join(",",
            Exposure(p + "-ok", "u9"),
            $$"""{"id":"{{p}}-x1","type":"exposure","unitId":"u9","timestamp":"{{Now}}","experiment":"ghost","variation":"a"}""",
            $$"""{"id":"{{p}}-x2","type":"exposure","unitId":"u9","timestamp":"{{Now}}","experiment":"button-copy","variation":"purple"}""",
            $$"""{"id":"{{p}}-x3","type":"event","unitId":"u9","timestamp":"1999-01-01T00:00:00Z","event":"purchase"}""",
            $$"""{"type":"event","unitId":"u9","timestamp":"{{Now}}","event":"purchase"}""",
            "42",
            Purchase(p + "-ok2", "u9", 3)) + "]";

        using HttpResponseMessage response = await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement body = await response.JsonAsync();
        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        var rejected = body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);
        rejected.Keys.ShouldBe([1, 2, 3, 4, 5]);
        rejected[1].ShouldContain("'ghost' does not exist");
        rejected[2].ShouldContain("green");
        rejected[3].ShouldContain("outside the accepted window");
        rejected[4].ShouldContain("id is required");
        rejected[5].ShouldContain("Not a JSON object");
    }

    [Fact]
    public async Task Ndjson_is_accepted()
    {
        string p = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/events/v1/batch", UriKind.Relative))
        {
            Content = new StringContent(Purchase(p + "-a", "n1", 1) + "\n" + Purchase(p + "-b", "n2", 2) + "\n", Encoding.UTF8, "application/x-ndjson"),
        };

        JsonElement body = await (await _sdk.SendAsync(request, ApiTestExtensions.Ct)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Ndjson_blank_lines_are_skipped_and_an_unreadable_line_is_rejected_in_its_place()
    {
        string p = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/events/v1/batch", UriKind.Relative))
        {
            Content = new StringContent(Purchase(p + "-a", "n1", 1) + "\r\n\n  \t\n{not json\n" + Purchase(p + "-b", "n2", 2), Encoding.UTF8, "application/x-ndjson"),
        };

        JsonElement body = await (await _sdk.SendAsync(request, ApiTestExtensions.Ct)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        JsonElement rejected = body.GetProperty("rejected").EnumerateArray().ShouldHaveSingleItem();
        rejected.GetProperty("index").GetInt32().ShouldBe(1);
        rejected.GetProperty("reason").GetString()!.ShouldContain("Not a JSON object");
    }

    [Fact]
    public async Task Declared_properties_and_unknown_fields_are_stored_as_unit_attributes()
    {
        // A platform value of this test's own, so other tests' exposures never share its segment.
        string p = Guid.NewGuid().ToString("N");
        string platform = "tv-" + p;
        string batch = "[" + string.Join(",",
            $$"""{"id":"{{p}}-x","type":"exposure","unitId":"{{p}}-u","timestamp":"{{Now}}","experiment":"button-copy","variation":"bold","properties":{"country":"NZ"},"platform":"{{platform}}","beta":true}""",
            Purchase(p + "-p", p + "-u", 12.5)) + "]";

        JsonElement body = await (await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow.AddHours(2));
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        MetricDefinition revenue = MetricDefinition.Sum("revenue", "purchase");
        SegmentStatistics mine = (await store.AnalyzeBreakdownAsync(scope, revenue, "platform", ApiTestExtensions.Ct)).Segments.Single(s => s.Value == platform);
        mine.Variations.Where(v => v.Units > 0).Select(v => (v.Variation, v.Units, v.Sum)).ShouldBe([(2, 1L, 12.5)]);
        (await store.AnalyzeBreakdownAsync(scope, revenue, "beta", ApiTestExtensions.Ct)).Segments.Select(s => s.Value).ShouldContain("true");
    }

    [Theory]
    [InlineData("\"phase\":0", "phase must be a whole number")]
    [InlineData("\"phase\":\"1\"", "phase must be a whole number")]
    [InlineData("\"properties\":[1]", "properties must be an object")]
    [InlineData("\"properties\":{\"\":\"x\"}", "empty or over-long name")]
    [InlineData("\"type\":\"click\"", "type must be \"exposure\" or \"event\", not \"click\"")]
    [InlineData("\"timestamp\":\"yesterday\"", "timestamp must be an ISO 8601")]
    [InlineData("\"timestamp\":42", "timestamp must be an ISO 8601")]
    [InlineData("\"unitId\":7", "unitId is required")]
    public async Task Each_bad_field_is_named_in_the_rejection(string field, string reason)
    {
        // The bad field replaces the valid one (a repeated name is refused on its own, below); a valid
        // event after it shows that only the bad one is refused.
        string p = Guid.NewGuid().ToString("N");
        JsonObject exposure = JsonNode.Parse(Exposure(p + "-bad", "u-bad"))!.AsObject();
        foreach ((string name, JsonNode? value) in JsonNode.Parse($"{{{field}}}")!.AsObject())
        {
            exposure[name] = value?.DeepClone();
        }

        JsonElement body = await (await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", $"[{exposure.ToJsonString()},{Exposure(p + "-ok", "u-ok")}]")).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        JsonElement rejected = body.GetProperty("rejected").EnumerateArray().ShouldHaveSingleItem();
        rejected.GetProperty("index").GetInt32().ShouldBe(0);
        rejected.GetProperty("reason").GetString()!.ShouldContain(reason);
    }

    [Theory]
    [InlineData("{\"not\":\"an array\"}")]
    [InlineData("[")]
    [InlineData("[]")]
    public async Task Unreadable_or_empty_batch_is_400_problem(string body)
    {
        using HttpResponseMessage response = await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Client_keys_cannot_send_events()
    {
        using HttpClient browser = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));

        using HttpResponseMessage response = await browser.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", $"[{Purchase("c1", "u", 1)}]");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ofrep_evaluation_of_an_experiment_records_one_exposure_per_unit_and_phase()
    {
        using HttpClient client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
        long before = await StoredExposuresAsync();
        string unit = "ofrep-" + Guid.NewGuid().ToString("N");
        JsonElement first = default;
        for (int i = 0; i < 3; i++)
        {
            first = await (await client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/no-ads", $$$"""{"context":{"targetingKey":"{{{unit}}}"}}""")).JsonAsync();
        }

        bool inExperiment = first.GetProperty("metadata").TryGetProperty("inExperiment", out JsonElement flag) && flag.GetBoolean();
        // One exposure for the experiment when the unit is in it, and one for its side of the example's long-term
        // holdout, which covers every flag.
        long expected = before + (inExperiment ? 1 : 0) + 1;
        long stored = before;
        for (int attempt = 0; attempt < 100 && stored != expected; attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
            stored = await StoredExposuresAsync();
        }

        stored.ShouldBe(expected);
    }
}
