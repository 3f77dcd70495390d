using System.Net;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart config export` against a real server on loopback.</summary>
public sealed class ConfigExportCommandTests : IAsyncLifetime
{
    private ConfigTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ConfigTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Export_after_applying_checkout_holds_the_same_resources()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);

        var (exitCode, output, error) = await _server.RunAsync("config", "export");

        exitCode.ShouldBe(0, error);
        JsonObject exported = JsonNode.Parse(output)!.AsObject();
        JsonObject example = JsonNode.Parse(File.ReadAllText(ConfigTestServer.Example))!.AsObject();
        exported["version"]!.GetValue<int>().ShouldBe(1);
        exported.Select(p => p.Key).ShouldBe(["version", "flags", "segments", "experiments", "layers", "holdouts"]);
        foreach (string section in new[] { "flags", "segments", "experiments", "layers", "holdouts" })
        {
            JsonNode[] expected = [.. example[section]!.AsArray().Select(n => n!).OrderBy(n => (string?)n["key"], StringComparer.Ordinal)];
            JsonNode[] actual = [.. exported[section]!.AsArray().Select(n => n!)];
            actual.Length.ShouldBe(expected.Length, section);
            for (int i = 0; i < expected.Length; i++)
            {
                JsonNode.DeepEquals(actual[i], expected[i]).ShouldBeTrue($"{section}[{i}]: {actual[i].ToJsonString()} differs from {expected[i].ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task Export_then_apply_on_a_server_with_every_kind_changes_nothing_and_a_re_export_is_byte_identical()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        (await _server.SendAsync(HttpMethod.Post, "/api/v1/metrics", """{"key":"checkout-conversion","type":"conversion","event":"purchase","description":"Bought, café included"}"""))
            .ShouldBe(HttpStatusCode.Created);
        JsonObject experiment = JsonNode.Parse((await _server.GetAsync("/api/v1/experiments/button-copy")).GetProperty("document").GetRawText())!.AsObject();
        experiment["metrics"] = JsonNode.Parse("""[{"key":"checkout-conversion","role":"primary"}]""");
        (await _server.SendAsync(HttpMethod.Put, "/api/v1/experiments/button-copy", experiment.ToJsonString(), ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        JsonObject flag = JsonNode.Parse((await _server.GetAsync("/api/v1/flags/no-ads")).GetProperty("document").GetRawText())!.AsObject();
        flag["tags"] = new JsonArray("team-growth", "ads");
        (await _server.SendAsync(HttpMethod.Put, "/api/v1/flags/no-ads", flag.ToJsonString(), ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        (await _server.SendAsync(HttpMethod.Delete, "/api/v1/segments/beta-testers", ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        string first = _server.PathOf("first.json"), second = _server.PathOf("second.json");

        var (exported, message, exportError) = await _server.RunAsync("config", "export", "--include-archived", "--out", first);
        exported.ShouldBe(0, exportError);
        message.Trim().ShouldBe($"Exported 10 resources from {_server.Url}/ to first.json.");
        string[] versions = await _server.VersionsAsync();
        int audited = await _server.AuditCountAsync();

        var (applied, plan, applyError) = await _server.RunAsync("config", "apply", first);
        (await _server.RunAsync("config", "export", "--include-archived", "--out", second)).ExitCode.ShouldBe(0);

        applied.ShouldBe(0, applyError);
        plan.Trim().ShouldBe("No changes: the server already matches first.json (10 resources checked).");
        (await _server.VersionsAsync()).ShouldBe(versions);
        (await _server.AuditCountAsync()).ShouldBe(audited);
        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
        string text = File.ReadAllText(first);
        text.ShouldContain("\n      \"key\": \"no-ads\",\n      \"tags\": [\n        \"ads\",\n        \"team-growth\"\n      ],\n");
        text.ShouldContain("\"archived\": true");
        text.ShouldContain("Bought, café included");
        text.ShouldEndWith("}\n");
    }

    [Fact]
    public async Task Export_leaves_archived_resources_out_unless_asked()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        (await _server.SendAsync(HttpMethod.Delete, "/api/v1/segments/beta-testers", ifMatch: 1)).ShouldBe(HttpStatusCode.OK);

        var (exitCode, output, error) = await _server.RunAsync("config", "export");

        exitCode.ShouldBe(0, error);
        output.ShouldNotContain("beta-testers");
        output.ShouldContain("\"staff\"");
    }

    [Fact]
    public async Task Export_to_a_server_that_refuses_the_key_exits_1_with_the_servers_reason()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["config", "export", "--server", _server.Url, "--key", "fs_admin_nosuchkey_0123456789abcdefghijklmnop"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("401");
    }
}
