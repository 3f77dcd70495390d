using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart config apply` with a rollout's hash version: the plan names the change, and an unknown version is refused before anything is sent.</summary>
public sealed class ConfigRolloutHashVersionTests : IAsyncLifetime
{
    private ConfigTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ConfigTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    // The checkout example's "ramp" rule (a plain rollout of new-checkout in production), with a hash version.
    private string WriteWithHashVersion(JsonNode? version)
    {
        JsonObject document = JsonNode.Parse(File.ReadAllText(ConfigTestServer.Example))!.AsObject();
        JsonObject flag = document["flags"]!.AsArray().Select(n => n!.AsObject()).Single(o => (string?)o["key"] == "new-checkout");
        flag["environments"]!["production"]!["rules"]![2]!["rollout"]!["hashVersion"] = version;
        return _server.Write("checkout.json", document.ToJsonString());
    }

    [Fact]
    public async Task Plan_names_the_hash_version_change_and_apply_stores_it()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        string file = WriteWithHashVersion(1);

        var (planned, plan, planError) = await _server.RunAsync("config", "apply", file, "--dry-run");
        var (applied, _, applyError) = await _server.RunAsync("config", "apply", file);
        var (again, unchanged, _) = await _server.RunAsync("config", "apply", file);

        planned.ShouldBe(0, planError);
        plan.ShouldContain("environments.production.rules[2].rollout.hashVersion: (none) -> 1");
        plan.ShouldContain("Plan: 0 to create, 1 to update, 0 to unarchive, 0 to archive; 8 without changes.");
        applied.ShouldBe(0, applyError);
        again.ShouldBe(0);
        unchanged.Trim().ShouldBe("No changes: the server already matches checkout.json (9 resources checked).");
        JsonElement stored = await _server.GetAsync("/api/v1/flags/new-checkout");
        stored.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("rules")[2]
            .GetProperty("rollout").GetProperty("hashVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_hash_version_is_refused_with_its_path_before_anything_is_sent()
    {
        string file = WriteWithHashVersion(3);

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("nothing was sent to the server");
        error.ShouldContain("$.flags[0].environments.production.rules[2].rollout.hashVersion");
        error.ShouldContain("Unknown hash version 3.");
        (await _server.VersionsAsync()).ShouldBeEmpty();
    }
}
