using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FailSmart.Web.Tests;

/// <summary>
/// Seeds an experiment's world through the admin API, as a team would: metric definitions, the experiment, then its
/// history through the historical import (exposures and events of any age), and reads the results API to compare.
/// </summary>
internal static class ResultsSeed
{
    private static CancellationToken Ct => UiJourney.Ct;

    public static async Task PostAsync(HttpClient api, string path, string json)
    {
        using HttpResponseMessage response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Imports NDJSON rows of one kind ("exposures" or "events") and checks every row was accepted.</summary>
    public static async Task ImportAsync(HttpClient api, string kind, IReadOnlyList<string> rows)
    {
        var content = new StringContent(string.Join('\n', rows), Encoding.UTF8, "application/x-ndjson");
        using HttpResponseMessage response = await api.PostAsync($"/api/v1/imports/events?kind={kind}&format=ndjson", content, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonElement last = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        last.GetProperty("stage").GetString().ShouldBe("done", text);
        last.GetProperty("accepted").GetInt32().ShouldBe(rows.Count, text);
    }

    public static string Exposure(string unit, string experiment, string variation, DateTimeOffset at, string? country = null) =>
        country is null
            ? $$"""{"id":"x-{{experiment}}-{{unit}}","unitId":"{{unit}}","timestamp":"{{At(at)}}","experiment":"{{experiment}}","variation":"{{variation}}"}"""
            : $$$"""{"id":"x-{{{experiment}}}-{{{unit}}}","unitId":"{{{unit}}}","timestamp":"{{{At(at)}}}","experiment":"{{{experiment}}}","variation":"{{{variation}}}","properties":{"country":"{{{country}}}"}}""";

    public static string Event(string unit, string name, double value, DateTimeOffset at) =>
        $$"""{"id":"e-{{name}}-{{unit}}","unitId":"{{unit}}","timestamp":"{{At(at)}}","event":"{{name}}","value":{{value.ToString(CultureInfo.InvariantCulture)}}}""";

    /// <summary>The results API's answer, analysed now.</summary>
    public static async Task<JsonElement> ResultsAsync(HttpClient api, string experiment, string query = "")
    {
        using HttpResponseMessage response = await api.GetAsync($"/api/v1/experiments/{experiment}/results?refresh=true{query}", Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonElement Variation(JsonElement results, string metric, string variation) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric)
            .GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == variation);
}
