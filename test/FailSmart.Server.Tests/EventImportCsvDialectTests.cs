using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// CSV imports as warehouses and spreadsheets write them: a byte order mark, CRLF, quoted cells holding commas, quotes
/// and line breaks; and the refusals that name the line a bad or unreadable row starts on.
/// </summary>
public sealed class EventImportCsvDialectTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
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

    private Task<HttpResponseMessage> ImportCsvAsync(string kind, string csv, bool byteOrderMark = false)
    {
        var content = new ByteArrayContent(new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return _admin.PostAsync(new Uri($"/api/v1/imports/events?kind={kind}&format=csv", UriKind.Relative), content, ApiTestExtensions.Ct);
    }

    private static async Task<Dictionary<string, string>> RefusedAsync(HttpResponseMessage response)
    {
        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        return problem.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task A_byte_order_mark_crlf_and_quoted_commas_quotes_and_line_breaks_are_read_into_properties()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"id,unit_id,timestamp,experiment,variation,phase,region\r\n"
            + $"{p}-a,{p}-u1,{At(1)},button-copy,green,1,\"North, \"\"upper\"\"\r\nrow {p}\"\r\n"
            + $"\r\n"
            + $"{p}-b,{p}-u2,{At(2)},button-copy,bold,1,plain-{p}\r\n";

        using HttpResponseMessage response = await ImportCsvAsync("exposures", csv, byteOrderMark: true);

        string text = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("accepted").GetInt32().ShouldBe(2);
        var scope = new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow);
        MetricBreakdown split = await factory.Services.GetRequiredService<IEventStore>()
            .AnalyzeBreakdownAsync(scope, MetricDefinition.Count("c-" + p, "none-" + p), "region", ApiTestExtensions.Ct);
        // The first column is id (not "\uFEFFid"), and a quoted line break is read as \n whatever the file used.
        split.Segments.Select(s => s.Value).ShouldContain($"North, \"upper\"\nrow {p}");
        split.Segments.Select(s => s.Value).ShouldContain($"plain-{p}");
    }

    [Fact]
    public async Task A_bad_row_after_a_cell_on_three_lines_is_named_by_the_line_it_starts_on()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"unit_id,timestamp,event,value,note\n"
            + $"{p}-u1,{At(1)},bad-{p},3,\"one\ntwo\nthree\"\n"
            + $"{p}-u2,{At(2)},bad-{p},lots,x\n"
            + $"{p}-u3,{At(3)},bad-{p},4,x,extra\n";
        // u1 is exposed, so its good row would count in the sum if the refused file stored anything.
        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(EventBatch.Of(new Exposure(p + "-x", "production", p + "-u1", "button-copy", 1, 0, s_longAgo)), ApiTestExtensions.Ct);

        Dictionary<string, string> errors = await RefusedAsync(await ImportCsvAsync("events", csv));

        errors.Keys.ShouldBe(["line 5", "line 6"]);
        errors["line 5"].ShouldContain("value must be a number");
        errors["line 6"].ShouldBe("The row has 6 cells, but the header has 5 columns. Quote cells that hold commas.");
        MetricAnalysis stored = await store.AnalyzeMetricAsync(
            new ExperimentScope("production", "button-copy", 1, DateTimeOffset.UtcNow), MetricDefinition.Sum("s-" + p, "bad-" + p), ApiTestExtensions.Ct);
        stored.Variations.Sum(v => v.Sum).ShouldBe(0);
    }

    [Fact]
    public async Task A_quote_that_is_never_closed_refuses_the_file_naming_the_line_its_row_starts_on()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"unit_id,timestamp,event,value\n{p}-u1,{At(1)},open-{p},3\n{p}-u2,{At(2)},\"open-{p},4\n{p}-u3,{At(3)},open-{p},5\n";

        Dictionary<string, string> errors = await RefusedAsync(await ImportCsvAsync("events", csv));

        errors.Values.ShouldContain("The quoted field that starts on line 3 is never closed.");
    }

    [Fact]
    public async Task A_quote_never_closed_after_a_cell_on_two_lines_is_named_by_its_file_line_in_path_and_message()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"unit_id,timestamp,event,value,note\n"
            + $"{p}-u1,{At(1)},open-{p},3,\"one\ntwo\"\n"
            + $"{p}-u2,{At(2)},open-{p},4,x\n"
            + $"{p}-u3,{At(3)},open-{p},5,\"never closed\n"
            + $"{p}-u4,{At(4)},open-{p},6,x\n";

        JsonElement problem = await (await ImportCsvAsync("events", csv)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        JsonElement error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("path").GetString(), error.GetProperty("message").GetString())
            .ShouldBe(("line 5", "The quoted field that starts on line 5 is never closed."));
        problem.GetProperty("detail").GetString()!.ShouldContain("the first, line 5: The quoted field that starts on line 5 is never closed.");
    }

    [Fact]
    public async Task A_quote_opened_on_the_second_line_of_its_row_is_named_by_that_line()
    {
        string p = Guid.NewGuid().ToString("N");
        // Row 2 starts on line 2; its note closes on line 3, where a second quote opens and is never closed.
        string csv = $"unit_id,timestamp,event,value,note\r\n"
            + $"{p}-u1,{At(1)},open-{p},3,\"one\r\ntwo\" \"three\r\n"
            + $"{p}-u2,{At(2)},open-{p},4,x\r\n";

        JsonElement problem = await (await ImportCsvAsync("events", csv)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        JsonElement error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("path").GetString(), error.GetProperty("message").GetString())
            .ShouldBe(("line 3", "The quoted field that starts on line 3 is never closed."));
    }

    [Fact]
    public async Task A_semicolon_file_is_refused_row_by_row_because_imports_are_comma_separated()
    {
        string p = Guid.NewGuid().ToString("N");
        string csv = $"unit_id;timestamp;event\n{p}-u1;{At(1)};semi-{p}\n";

        Dictionary<string, string> errors = await RefusedAsync(await ImportCsvAsync("events", csv));

        errors.Keys.ShouldBe(["line 2"]);
    }
}
