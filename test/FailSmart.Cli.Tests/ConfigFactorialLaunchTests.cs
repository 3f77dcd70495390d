using System.Text.Json.Nodes;

namespace FailSmart.Cli.Tests;

/// <summary>A factorial launch through configuration as code: applied to an empty server, exported, and applied again with no change.</summary>
public sealed class ConfigFactorialLaunchTests : IAsyncLifetime
{
    private const string Document = """
        {
          "version": 1,
          "experiments": [
            {"key": "spring", "status": "running", "factorial": {"features": [{"flag": "new-search"}, {"flag": "badges", "seed": "badges-2026"}]}}
          ],
          "flags": [
            {"key": "new-search", "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "spring", "experiment": {"key": "spring"}}]}}},
            {"key": "badges", "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "spring", "experiment": {"key": "spring"}}]}}}
          ]
        }
        """;

    private ConfigTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ConfigTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_launch_and_its_flags_apply_to_an_empty_server_and_export_back_as_written()
    {
        string file = _server.Write("spring.json", Document);

        var (applied, output, error) = await _server.RunAsync("config", "apply", file);
        string exported = _server.PathOf("exported.json");
        var (exportCode, _, exportError) = await _server.RunAsync("config", "export", "--out", exported);
        var (again, againOutput, againError) = await _server.RunAsync("config", "apply", exported);

        applied.ShouldBe(0, error);
        output.ShouldContain("Applied 3 changes; 0 without changes.");
        exportCode.ShouldBe(0, exportError);
        JsonObject launch = JsonNode.Parse(File.ReadAllText(exported))!["experiments"]![0]!.AsObject();
        launch["factorial"]!.ToJsonString().ShouldBe("""{"features":[{"flag":"new-search"},{"flag":"badges","seed":"badges-2026"}]}""");
        launch.ContainsKey("variations").ShouldBeFalse();
        again.ShouldBe(0, againError);
        againOutput.Trim().ShouldBe("No changes: the server already matches exported.json (3 resources checked).");
    }
}
