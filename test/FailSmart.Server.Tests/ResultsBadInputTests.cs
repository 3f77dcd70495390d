using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

public sealed class ResultsBadInputTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
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

    private static string[] Paths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    [Fact]
    public async Task Results_unknown_experiment_is_404()
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/experiments/no-such-test/results");
        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("no-such-test");
    }

    [Theory]
    [InlineData("phase=abc", "phase")]
    [InlineData("phase=0", "phase")]
    [InlineData("phase=9", "phase")]
    [InlineData("metrics=no-such-metric", "metrics")]
    [InlineData("metrics=,", "metrics")]
    [InlineData("breakdown=bad%20name", "breakdown")]
    [InlineData("refresh=maybe", "refresh")]
    [InlineData("environment=mars", "environment")]
    public async Task Results_bad_query_is_400_naming_the_parameter(string query, string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/button-copy/results?{query}");
        Paths(await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldContain(path);
    }

    [Fact]
    public async Task Results_without_admin_key_is_401()
    {
        using HttpClient anonymous = factory.ClientWithKey(null);
        using HttpResponseMessage response = await anonymous.GetPathAsync("/api/v1/experiments/button-copy/results");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"key":"m1","type":"ratio","event":"revenue"}""", "$.denominatorEvent")]
    [InlineData("""{"key":"m2","type":"median","event":"latency"}""", "$.type")]
    [InlineData("""{"key":"m3","type":"conversion"}""", "$.event")]
    [InlineData("""{"key":"m4","type":"count","event":"error","role":"guardrail"}""", "$.nonInferiorityMargin")]
    [InlineData("""{"key":"m5","type":"sum","event":"purchase","window":"seven days"}""", "$.window")]
    [InlineData("""{"key":"m6","type":"quantile","event":"latency","quantile":1.5}""", "$.quantile")]
    [InlineData("""{"key":"m7","type":"retention","event":"visit"}""", "$.retentionDay")]
    [InlineData("""{"key":"m8","type":"sum","event":"purchase","capping":{"type":"percentile","value":99}}""", "$.capping.value")]
    [InlineData("""{"key":"m9","type":"sum","event":"purchase","colour":"blue"}""", "$.colour")]
    [InlineData("""{"key":"m10","type":"conversion","event":"purchase","capping":{"type":"fixed","value":1}}""", "$")]
    public async Task Metric_invalid_definition_is_422_with_the_field_path_and_nothing_is_stored(string json, string path)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/metrics", json);

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Paths(problem).ShouldContain(path);
        string key = JsonDocument.Parse(json).RootElement.GetProperty("key").GetString()!;
        (await _admin.GetPathAsync($"/api/v1/metrics/{key}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metric_complete_definition_is_created()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/metrics", """
            {"key":"revenue-per-session","type":"ratio","event":"purchase","denominatorEvent":"session","window":"P14D","direction":"increase",
             "capping":{"type":"fixed","value":500},"cupedWindow":"P7D","role":"secondary","plannedUnits":20000,"tags":["revenue"]}
            """);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }
}
