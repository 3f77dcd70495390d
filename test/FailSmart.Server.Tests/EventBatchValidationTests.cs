using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>Events that cannot be read as sent are refused one by one, by index; the rest of the batch is stored.</summary>
public sealed class EventBatchValidationTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
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

    // The event name is the unit's own, so counting it counts this test's events only.
    private static string Purchase(string id, string unit, string extra = "") =>
        $$"""{"id":"{{id}}","type":"event","unitId":"{{unit}}","timestamp":"{{Now}}","event":"buy-{{unit}}","value":5{{extra}}}""";

    private async Task<HttpResponseMessage> SendAsync(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await _sdk.PostAsync(new Uri("/events/v1/batch", UriKind.Relative), content, ApiTestExtensions.Ct);
    }

    private Task<HttpResponseMessage> SendAsync(params string[] events) => SendAsync(Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]"));

    private async Task<MetricAnalysis> StoredPurchasesAsync(string unit)
    {
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(EventBatch.Of(new Exposure(unit + "-x", "production", unit, "button-copy", 1, 0, DateTimeOffset.UtcNow.AddMinutes(-5))), ApiTestExtensions.Ct);
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow.AddHours(2));
        return await store.AnalyzeMetricAsync(scope, MetricDefinition.Count("n-" + unit, "buy-" + unit), ApiTestExtensions.Ct);
    }

    private static Dictionary<int, string> Rejected(JsonElement body) =>
        body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);

    [Theory]
    [InlineData("id", """
        {"id":"\ud800","type":"event","unitId":"u","timestamp":"{now}","event":"purchase"}
        """)]
    [InlineData("unitId", """
        {"id":"{id}","type":"event","unitId":"a\udfffb","timestamp":"{now}","event":"purchase"}
        """)]
    [InlineData("event", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"{now}","event":"\ud800"}
        """)]
    [InlineData("Property 'country'", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"{now}","event":"purchase","properties":{"country":"\ud800"}}
        """)]
    [InlineData("A name in properties", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"{now}","event":"purchase","properties":{"\ud800":"x"}}
        """)]
    [InlineData("A field name", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"{now}","event":"purchase","\udc00":"x"}
        """)]
    [InlineData("Field 'platform'", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"{now}","event":"purchase","platform":["ios","\ud800"]}
        """)]
    [InlineData("timestamp", """
        {"id":"{id}","type":"event","unitId":"u","timestamp":"\ud800","event":"purchase"}
        """)]
    public async Task Lone_surrogate_escape_rejects_only_its_event_naming_the_field(string field, string template)
    {
        string p = Guid.NewGuid().ToString("N");
        string bad = template.Replace("{id}", p + "-bad", StringComparison.Ordinal).Replace("{now}", Now, StringComparison.Ordinal);

        using HttpResponseMessage response = await SendAsync(Purchase(p + "-a", p), bad, Purchase(p + "-b", p));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement body = await response.JsonAsync();
        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        Rejected(body).Keys.ShouldBe([1]);
        string reason = Rejected(body)[1];
        reason.ShouldStartWith(field);
        reason.ShouldContain("not valid Unicode");
        (await StoredPurchasesAsync(p)).Variations.Single(v => v.Variation == 0).Sum.ShouldBe(2);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task Invalid_utf8_in_a_value_rejects_only_its_event(string contentType)
    {
        string p = Guid.NewGuid().ToString("N");
        byte[] head = Encoding.UTF8.GetBytes(Purchase(p + "-bad", p)[..^1] + ",\"platform\":\"i");
        byte[] bad = [.. head, 0xC3, 0x28, .. "os\"}"u8];
        bool ndjson = contentType.Contains("ndjson", StringComparison.Ordinal);
        byte[] body = [
            .. Encoding.UTF8.GetBytes((ndjson ? "" : "[") + Purchase(p + "-a", p) + (ndjson ? "\n" : ",")),
            .. bad,
            .. Encoding.UTF8.GetBytes((ndjson ? "\n" : ",") + Purchase(p + "-b", p) + (ndjson ? "" : "]"))];

        using HttpResponseMessage response = await SendAsync(body, contentType);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement answer = await response.JsonAsync();
        answer.GetProperty("accepted").GetInt32().ShouldBe(2);
        Rejected(answer).Keys.ShouldBe([1]);
        (await StoredPurchasesAsync(p)).Variations.Single(v => v.Variation == 0).Sum.ShouldBe(2);
    }

    [Theory]
    [InlineData(",\"unitId\":\"other\"", "Field 'unitId' appears more than once")]
    [InlineData(",\"platform\":\"ios\",\"platform\":\"android\"", "Field 'platform' appears more than once")]
    [InlineData(",\"properties\":{\"country\":\"SE\",\"country\":\"NO\"}", "Property 'country' appears more than once")]
    public async Task Repeated_name_rejects_its_event_naming_the_name(string extra, string reason)
    {
        string p = Guid.NewGuid().ToString("N");

        JsonElement body = await (await SendAsync(Purchase(p + "-bad", p, extra), Purchase(p + "-ok", p))).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        Rejected(body).Keys.ShouldBe([0]);
        Rejected(body)[0].ShouldStartWith(reason);
    }

    [Fact]
    public async Task Ndjson_lines_with_a_lone_surrogate_or_a_repeated_name_are_rejected_by_index()
    {
        string p = Guid.NewGuid().ToString("N");
        string body = string.Join("\n",
            Purchase(p + "-a", p),
            Purchase(p + "-s", p, ",\"note\":\"\\ud800\""),
            Purchase(p + "-d", p, ",\"event\":\"other\""),
            Purchase(p + "-b", p));

        JsonElement answer = await (await SendAsync(Encoding.UTF8.GetBytes(body), "application/x-ndjson")).JsonAsync();

        answer.GetProperty("accepted").GetInt32().ShouldBe(2);
        Rejected(answer).Keys.ShouldBe([1, 2]);
        Rejected(answer)[1].ShouldStartWith("Field 'note' is not valid Unicode");
        Rejected(answer)[2].ShouldStartWith("Field 'event' appears more than once");
        (await StoredPurchasesAsync(p)).Variations.Single(v => v.Variation == 0).Sum.ShouldBe(2);
    }

    [Theory]
    [InlineData("2026-12-06T10:00:00", "has no UTC offset")]
    [InlineData("12/06/2026 10:00:00", "is not one")]
    [InlineData("12/06/2026 10:00:00 +00:00", "is not one")]
    [InlineData("2026-12-06", "is not one")]
    public async Task Timestamp_without_an_offset_or_in_a_locale_format_is_rejected_with_the_accepted_format(string timestamp, string reason)
    {
        string p = Guid.NewGuid().ToString("N");
        string bad = $$"""{"id":"{{p}}-t","type":"event","unitId":"{{p}}","timestamp":"{{timestamp}}","event":"purchase"}""";

        JsonElement body = await (await SendAsync(bad, Purchase(p + "-ok", p))).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        string rejected = Rejected(body).ShouldHaveSingleItem().Value;
        rejected.ShouldContain($"'{timestamp}' {reason}");
        rejected.ShouldContain("such as 2026-11-26T10:00:00Z");
    }

    [Fact]
    public async Task Timestamp_with_an_offset_is_read_at_that_offset()
    {
        string p = Guid.NewGuid().ToString("N");
        DateTimeOffset at = DateTimeOffset.UtcNow.AddMinutes(-30);
        string local = at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        string ev = $$"""{"id":"{{p}}-o","type":"event","unitId":"{{p}}","timestamp":"{{local}}","event":"purchase","value":1}""";

        JsonElement body = await (await SendAsync(ev, Purchase(p + "-ok", p))).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(EventBatch.Of(new Exposure(p + "-x", "production", p, "button-copy", 1, 0, at.AddMinutes(-1))), ApiTestExtensions.Ct);
        MetricDefinition windowed = MetricDefinition.Count("w-" + p, "purchase") with { Window = TimeSpan.FromMinutes(2) };
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow.AddHours(2));
        // Only the event read at 30 minutes ago (not 5 hours off) falls within 2 minutes of the exposure.
        (await store.AnalyzeMetricAsync(scope, windowed, ApiTestExtensions.Ct)).Variations.Single(v => v.Variation == 0).Sum.ShouldBe(1);
    }

    [Theory]
    [InlineData("1.7e308")]
    [InlineData("-1.7e308")]
    [InlineData("1000000000000001")]
    public async Task Value_beyond_the_bound_is_rejected(string value)
    {
        string p = Guid.NewGuid().ToString("N");
        string bad = $$"""{"id":"{{p}}-v","type":"event","unitId":"{{p}}","timestamp":"{{Now}}","event":"purchase","value":{{value}}}""";
        string edge = $$"""{"id":"{{p}}-e","type":"event","unitId":"{{p}}","timestamp":"{{Now}}","event":"purchase","value":-1e15}""";

        JsonElement body = await (await SendAsync(bad, edge)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        Rejected(body).Keys.ShouldBe([0]);
        Rejected(body)[0].ShouldStartWith("value must be a number from -1e15 to 1e15");
    }

    [Fact]
    public async Task Batch_whose_every_event_is_refused_is_a_422_listing_each_by_index()
    {
        string p = Guid.NewGuid().ToString("N");
        string old = DateTimeOffset.UtcNow.AddDays(-40).ToString("O");
        string stale = $$"""{"id":"{{p}}-old","type":"event","unitId":"{{p}}","timestamp":"{{old}}","event":"purchase"}""";

        string big = $$"""{"id":"{{p}}-big","type":"event","unitId":"{{p}}","timestamp":"{{Now}}","event":"purchase","value":1e300}""";

        using HttpResponseMessage response = await SendAsync(stale, "42", big);

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Dictionary<int, string> rejected = Rejected(problem);
        rejected.Keys.ShouldBe([0, 1, 2]);
        rejected[0].ShouldContain("outside the accepted window (30 days back");
        rejected[0].ShouldContain("POST /api/v1/imports/events");
        rejected[1].ShouldContain("Not a JSON object");
        rejected[2].ShouldContain("value must be a number");
        problem.GetProperty("rejected")[0].GetProperty("id").GetString().ShouldBe(p + "-old");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$[0]", "$[1]", "$[2]"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("All 3 events were refused");
    }

    [Fact]
    public async Task Retried_batch_of_duplicates_only_is_still_a_200()
    {
        string p = Guid.NewGuid().ToString("N");
        (await SendAsync(Purchase(p + "-a", p))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using HttpResponseMessage retry = await SendAsync(Purchase(p + "-a", p));

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.JsonAsync()).GetProperty("duplicates").GetInt32().ShouldBe(1);
    }
}
