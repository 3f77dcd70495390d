using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// Two replicas on one PostgreSQL database: what one creates, the other accepts events for at once, before
/// its own view of the configuration has caught up.
/// </summary>
public sealed class UnknownExperimentRereadTests : IAsyncLifetime
{
    private ReplicaStores _stores = null!;
    private PostgreSqlReplicaFactory _writer = null!;
    private PostgreSqlReplicaFactory _ingester = null!;
    private HttpClient _admin = null!;
    private HttpClient _sdk = null!;

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    public async ValueTask InitializeAsync()
    {
        _stores = await ReplicaStores.CreateAsync(ApiTestExtensions.Ct);
        _writer = new PostgreSqlReplicaFactory(_stores);
        _ingester = new PostgreSqlReplicaFactory(_stores, pollsRevision: false);
        _admin = _writer.ClientWithKey();
        _sdk = _ingester.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));

        // The ingesting replica reads production's rule set now, before anything below exists.
        using HttpResponseMessage warm = await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch",
            $$"""[{"id":"warm-1","type":"event","unitId":"u-0","timestamp":"{{Now}}","event":"page-view"}]""");
        warm.StatusCode.ShouldBe(HttpStatusCode.OK, await warm.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _sdk.Dispose();
        _admin.Dispose();
        await _ingester.DisposeAsync();
        await _writer.DisposeAsync();
        await _stores.DisposeAsync();
    }

    [Fact]
    public async Task Exposure_for_an_experiment_just_created_on_another_replica_is_accepted_and_a_missing_one_still_refused()
    {
        await CreatedAsync("/api/v1/experiments", """
            {"key": "fresh-test", "variations": [{"key": "control", "weight": 0.5}, {"key": "treatment", "weight": 0.5}], "status": "running"}
            """);

        using HttpResponseMessage response = await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", $$"""
            [{"id":"x-1","type":"exposure","unitId":"u-1","timestamp":"{{Now}}","experiment":"fresh-test","variation":"treatment"},
             {"id":"x-2","type":"exposure","unitId":"u-2","timestamp":"{{Now}}","experiment":"never-created","variation":"control"}]
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement body = await response.JsonAsync();
        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        JsonElement rejected = body.GetProperty("rejected").EnumerateArray().ShouldHaveSingleItem();
        rejected.GetProperty("index").GetInt32().ShouldBe(1);
        rejected.GetProperty("reason").GetString()!.ShouldContain("experiment 'never-created' does not exist in environment 'production'");
    }

    [Fact]
    public async Task Import_of_a_guarded_rollouts_history_just_created_on_another_replica_is_accepted()
    {
        await CreatedAsync("/api/v1/flags", """
            {"key": "fresh-ramp", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off",
               "rules": [{"id": "ramp", "rollout": {"variation": "on", "percentage": 0, "plan": {"stages": [{"percentage": 50}, {"percentage": 100}]}}}]}}}
            """);
        using HttpClient importer = _ingester.ClientWithKey();
        string at = DateTimeOffset.UtcNow.AddDays(-60).ToString("O");
        using var content = new StringContent(
            $$"""
            {"id":"h-1","unitId":"u-1","timestamp":"{{at}}","experiment":"rollout:fresh-ramp:ramp","variation":"in"}
            {"id":"h-2","unitId":"u-2","timestamp":"{{at}}","experiment":"rollout:fresh-ramp:ramp","variation":"not-yet"}
            """, System.Text.Encoding.UTF8, "application/x-ndjson");

        using HttpResponseMessage response = await importer.PostAsync(new Uri("/api/v1/imports/events?kind=exposures", UriKind.Relative), content, ApiTestExtensions.Ct);

        string text = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonElement last = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        (last.GetProperty("stage").GetString(), last.GetProperty("accepted").GetInt32()).ShouldBe(("done", 2), text);
    }

    [Fact]
    public async Task Usage_for_a_flag_just_created_on_another_replica_is_counted()
    {
        await CreatedAsync("/api/v1/flags", """
            {"key": "fresh-flag", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "on", "rules": []}}}
            """);

        using HttpResponseMessage response = await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/usage", $$"""
            {"id": "{{Guid.NewGuid()}}", "source": "sdk-dotnet", "counts": [
              {"flag": "fresh-flag", "variation": "on", "count": 7, "lastEvaluated": "{{Now}}"},
              {"flag": "never-created", "variation": "on", "count": 2, "lastEvaluated": "{{Now}}"}]}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement body = await response.JsonAsync();
        body.GetProperty("counted").GetInt64().ShouldBe(7);
        body.GetProperty("skipped").EnumerateArray().ShouldHaveSingleItem().GetProperty("index").GetInt32().ShouldBe(1);
    }

    private async Task CreatedAsync(string path, string document)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, path, document);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }
}
