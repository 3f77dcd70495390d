using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart config apply` against a real server on loopback, starting from an empty store.</summary>
public sealed class ConfigApplyCommandTests : IAsyncLifetime
{
    private ConfigTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ConfigTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Checkout() => JsonNode.Parse(File.ReadAllText(ConfigTestServer.Example))!.AsObject();

    private string WriteCheckout(Action<JsonObject> edit, string name = "checkout.json")
    {
        JsonObject document = Checkout();
        edit(document);
        return _server.Write(name, document.ToJsonString());
    }

    private static JsonObject Find(JsonObject document, string section, string key) =>
        document[section]!.AsArray().Select(n => n!.AsObject()).Single(o => (string?)o["key"] == key);

    [Fact]
    public async Task Apply_checkout_to_an_empty_server_creates_everything_in_dependency_order_in_one_run()
    {
        var (exitCode, output, error) = await _server.RunAsync("config", "apply", ConfigTestServer.Example);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("Applied 9 changes; 0 without changes.");
        string[] order = [.. output.Split('\n').Where(l => l.Contains("| create", StringComparison.Ordinal) || l.Contains("│ create", StringComparison.Ordinal))
            .Select(l => l.Split(['|', '│'], StringSplitOptions.TrimEntries)[2])];
        order.ShouldBe([
            "segments/beta-testers", "segments/staff", "layers/monetisation", "experiments/button-copy", "experiments/no-ads-retention",
            "flags/new-checkout", "flags/checkout-button", "flags/no-ads", "holdouts/long-term-control",
        ]);
        (await _server.VersionsAsync()).Order().ShouldBe([
            "experiments/button-copy@1", "experiments/no-ads-retention@1", "flags/checkout-button@1", "flags/new-checkout@1", "flags/no-ads@1",
            "holdouts/long-term-control@1", "layers/monetisation@1", "segments/beta-testers@1", "segments/staff@1",
        ]);
    }

    [Fact]
    public async Task Apply_twice_the_second_plan_has_no_changes_and_writes_nothing()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        string[] before = await _server.VersionsAsync();
        int audited = await _server.AuditCountAsync();

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", ConfigTestServer.Example);

        exitCode.ShouldBe(0, error);
        output.Trim().ShouldBe("No changes: the server already matches checkout.json (9 resources checked).");
        (await _server.VersionsAsync()).ShouldBe(before);
        (await _server.AuditCountAsync()).ShouldBe(audited);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_with_field_changes_and_changes_nothing()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        string[] before = await _server.VersionsAsync();
        int audited = await _server.AuditCountAsync();
        string file = WriteCheckout(d => Find(d, "flags", "new-checkout")["environments"]!["production"]!["rules"]![2]!["rollout"]!["percentage"] = 25);

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file, "--dry-run");
        var (detailed, _, _) = await _server.RunAsync("config", "apply", file, "--dry-run", "--detailed-exit-code");

        exitCode.ShouldBe(0, error);
        detailed.ShouldBe(3);
        output.ShouldContain("flags/new-checkout");
        output.ShouldContain("environments.production.rules[2].rollout.percentage: 10 -> 25");
        output.ShouldContain("Plan: 0 to create, 1 to update, 0 to unarchive, 0 to archive; 8 without changes. Dry run: nothing was changed.");
        (await _server.VersionsAsync()).ShouldBe(before);
        (await _server.AuditCountAsync()).ShouldBe(audited);
    }

    [Fact]
    public async Task Dry_run_on_an_empty_server_creates_nothing_and_json_lists_each_step()
    {
        var (exitCode, output, error) = await _server.RunAsync("config", "apply", ConfigTestServer.Example, "--dry-run", "--json");

        exitCode.ShouldBe(0, error);
        using JsonDocument plan = JsonDocument.Parse(output);
        plan.RootElement.GetProperty("outcome").GetString().ShouldBe("planned");
        plan.RootElement.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        plan.RootElement.GetProperty("counts").GetProperty("create").GetInt32().ShouldBe(9);
        plan.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()).Distinct().ShouldBe(["planned"]);
        (await _server.VersionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_change_made_between_plan_and_apply_is_refused_with_412_and_not_overwritten()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        string file = WriteCheckout(d => Find(d, "segments", "beta-testers")["ids"] = new JsonArray("u-1001", "u-1002", "u-1003"));
        using var client = Commands.AdminApiClient.Create(_server.Url, ConfigTestServer.AdminKey, TextWriter.Null)!;
        var (desired, problems) = ConfigAsCode.DesiredConfig.Read(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        problems.ShouldBeEmpty();
        var (current, _) = await ConfigAsCode.ServerConfig.ReadAsync(client, includeArchived: true, TestContext.Current.CancellationToken);
        var (steps, _) = ConfigAsCode.ConfigPlanner.Plan(desired, current!, archiveMissing: false);

        // Someone else edits the segment after the plan read it at version 1.
        const string Theirs = """{"key":"beta-testers","attribute":"id","ids":["u-2001"]}""";
        (await _server.SendAsync(HttpMethod.Put, "/api/v1/segments/beta-testers", Theirs, ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        var outcomes = await new ConfigAsCode.ConfigApplier(client, new Dictionary<string, string>()).ApplyAsync(steps, TestContext.Current.CancellationToken);

        var failed = outcomes.Single(o => o.Step.IsChange);
        failed.Status.ShouldBe(ConfigAsCode.StepStatus.Failed);
        failed.Refusal!.Status.ShouldBe(412);
        new ConfigAsCode.ApplyReport("checkout.json", new Uri(_server.Url), DryRun: false).Summary(outcomes)
            .ShouldContain("segments/beta-testers changed on the server after the plan read it at version 1; nothing of it was overwritten. Run the command again");
        JsonElement segment = await _server.GetAsync("/api/v1/segments/beta-testers");
        segment.GetProperty("document").GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ShouldBe(["u-2001"]);
        segment.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_run_exits_1_prints_the_problem_and_says_to_run_again()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        (await _server.SendAsync(HttpMethod.Delete, "/api/v1/segments/beta-testers", ifMatch: 1)).ShouldBe(HttpStatusCode.OK);
        // The file wants a new flag on the archived segment, which stays archived: the server refuses the flag.
        string file = WriteCheckout(d => d["flags"]!.AsArray().Add(JsonNode.Parse("""
            {"key":"beta-banner","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"beta","segments":["beta-testers"],"force":{"variation":"on"}}]}}}
            """)));

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(1);
        error.ShouldContain("beta-testers");
        output.ShouldContain("Stopped: The server refused create flags/beta-banner (above); fix it and run the command again.");
        (await _server.VersionsAsync()).ShouldNotContain(v => v.StartsWith("flags/beta-banner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Where_production_requires_approval_a_change_opens_one_change_request_and_applying_again_does_not_open_another()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        (await _server.SendAsync(HttpMethod.Put, "/api/v1/environments/production/approval", """{"requiresApproval":true}""")).ShouldBe(HttpStatusCode.OK);
        string file = WriteCheckout(d => Find(d, "flags", "new-checkout")["environments"]!["production"]!["rules"]![2]!["rollout"]!["percentage"] = 25);

        var (firstCode, first, firstError) = await _server.RunAsync("config", "apply", file, "--reason", "Ramp to 25%");
        var (secondCode, second, secondError) = await _server.RunAsync("config", "apply", file, "--reason", "Ramp to 25%", "--detailed-exit-code");

        firstCode.ShouldBe(0, firstError);
        JsonElement pending = await _server.GetAsync("/api/v1/change-requests?status=pending");
        pending.GetArrayLength().ShouldBe(1);
        long id = pending[0].GetProperty("id").GetInt64();
        pending[0].GetProperty("key").GetString().ShouldBe("new-checkout");
        pending[0].GetProperty("reason").GetString().ShouldBe("Ramp to 25%");
        first.ShouldContain($"waiting for approval: change request #{id} {_server.Url}/change-requests/{id}");
        first.ShouldContain($"Applied 0 changes; 8 without changes. 1 change waits for approval (change request #{id}); apply again once they are decided.");
        secondCode.ShouldBe(3, secondError);
        second.ShouldContain($"already waiting for approval: change request #{id}");
        (await _server.GetAsync("/api/v1/change-requests?status=pending")).GetArrayLength().ShouldBe(1);
        (await _server.GetAsync("/api/v1/flags/new-checkout")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Archive_missing_archives_only_what_the_file_lacks_and_without_it_nothing_is_archived()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        string file = WriteCheckout(d => d["segments"]!.AsArray().RemoveAt(1)); // beta-testers, which no flag uses

        var (keptCode, kept, keptError) = await _server.RunAsync("config", "apply", file);
        keptCode.ShouldBe(0, keptError);
        kept.ShouldContain("on the server, not in the file; kept (--archive-missing archives it)");
        (await _server.GetAsync("/api/v1/segments/beta-testers")).GetProperty("archived").GetBoolean().ShouldBeFalse();

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file, "--archive-missing");

        exitCode.ShouldBe(0, error);
        output.ShouldContain("Applied 1 change; 8 without changes.");
        (await _server.VersionsAsync()).Order().ShouldBe([
            "experiments/button-copy@1", "experiments/no-ads-retention@1", "flags/checkout-button@1", "flags/new-checkout@1", "flags/no-ads@1",
            "holdouts/long-term-control@1", "layers/monetisation@1", "segments/beta-testers@2 archived", "segments/staff@1",
        ]);
    }

    [Fact]
    public async Task An_archived_resource_in_the_file_stays_archived_unless_the_file_says_archived_false()
    {
        (await _server.RunAsync("config", "apply", ConfigTestServer.Example)).ExitCode.ShouldBe(0);
        (await _server.SendAsync(HttpMethod.Delete, "/api/v1/segments/beta-testers", ifMatch: 1)).ShouldBe(HttpStatusCode.OK);

        var (keptCode, kept, keptError) = await _server.RunAsync("config", "apply", ConfigTestServer.Example);
        keptCode.ShouldBe(0, keptError);
        kept.ShouldContain("kept-archived");
        kept.ShouldContain("No changes: the server already matches checkout.json");
        (await _server.GetAsync("/api/v1/segments/beta-testers")).GetProperty("archived").GetBoolean().ShouldBeTrue();

        string file = WriteCheckout(d =>
        {
            JsonObject segment = Find(d, "segments", "beta-testers");
            segment["archived"] = false;
            segment["ids"] = new JsonArray("u-1001");
        });
        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("unarchive");
        JsonElement back = await _server.GetAsync("/api/v1/segments/beta-testers");
        back.GetProperty("archived").GetBoolean().ShouldBeFalse();
        back.GetProperty("document").GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ShouldBe(["u-1001"]);
        (await _server.RunAsync("config", "apply", file)).Output.ShouldContain("No changes");
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_each_problem_before_anything_is_sent()
    {
        string file = WriteCheckout(d =>
        {
            Find(d, "flags", "new-checkout")["environments"]!["production"]!["rules"]![0]!["segments"] = new JsonArray("no-such-segment");
            Find(d, "experiments", "button-copy")["status"] = "sprinting";
        });
        int audited = await _server.AuditCountAsync();

        var (exitCode, output, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("The configuration file 'checkout.json' is not valid (2 problems); nothing was sent to the server:");
        error.ShouldContain("$.experiments[0].status");
        error.ShouldContain("no-such-segment");
        (await _server.VersionsAsync()).ShouldBeEmpty();
        (await _server.AuditCountAsync()).ShouldBe(audited);
    }

    [Fact]
    public async Task A_prerequisite_cycle_is_refused_with_the_cycle_named()
    {
        string file = WriteCheckout(d => Find(d, "flags", "new-checkout")["prerequisites"] = JsonNode.Parse("""[{"flag":"checkout-button","variations":["green"]}]"""));

        var (exitCode, _, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(1);
        error.ShouldContain("nothing was sent to the server");
        error.ShouldContain("new-checkout");
        error.ShouldContain("checkout-button");
        (await _server.VersionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_flag_state_for_an_environment_the_server_lacks_is_refused_before_anything_is_written()
    {
        string file = WriteCheckout(d => Find(d, "flags", "no-ads")["environments"]!.AsObject()["qa"] = JsonNode.Parse("""{"enabled":false,"offVariation":"off","defaultVariation":"off","rules":[]}"""));

        var (exitCode, _, error) = await _server.RunAsync("config", "apply", file);

        exitCode.ShouldBe(1);
        error.ShouldContain("flags/no-ads: $.environments.qa: The server has no environment 'qa'.");
        (await _server.VersionsAsync()).ShouldBeEmpty();
    }
}
