using System.Text.Json;
using FailSmart.Protocol.Configuration;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class ImportGrowthBookCommandTests : IDisposable
{
    private const string Payload = """
        {
          "features": {
            "dark-mode": { "defaultValue": false, "rules": [ { "id": "fr_1", "condition": { "id": { "$inGroup": "beta" } }, "force": true } ] },
            "namespaced": { "defaultValue": "a", "rules": [ { "key": "ns-test", "variations": ["a", "b"], "namespace": ["checkout", 0, 0.5], "hashVersion": 2 } ] }
          },
          "savedGroups": { "beta": ["u-1", "u-2"] }
        }
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_refuses_what_failsmart_cannot_serve_writes_nothing_and_says_why()
    {
        string output = Path.Combine(_folder.Path, "out.json");

        var (exitCode, printed, error) = await CliRunner.RunAsync(["import", "growthbook", Write("features.json", Payload), "--out", output], Ct);

        exitCode.ShouldBe(1);
        printed.ShouldContain("refused");
        printed.ShouldContain("namespace hashes '__' and its name with version 1");
        printed.ShouldContain("Nothing was written.");
        error.ShouldContain("--partial");
        File.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task Each_note_is_a_whole_line_under_the_table_naming_its_feature()
    {
        string payload = Write("features.json", Payload);
        var (_, json, _) = await CliRunner.RunAsync(["import", "growthbook", payload, "--out", Path.Combine(_folder.Path, "a.json"), "--json"], Ct);
        using JsonDocument report = JsonDocument.Parse(json);
        (string Feature, string Note)[] notes = [.. report.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("notes").EnumerateArray().Select(n => (f.GetProperty("name").GetString()!, n.GetString()!)))];

        var (_, printed, _) = await CliRunner.RunAsync(["import", "growthbook", payload, "--out", Path.Combine(_folder.Path, "b.json")], Ct);

        notes.ShouldNotBeEmpty();
        string[] lines = [.. printed.Split('\n').Select(l => l.TrimEnd('\r'))];
        foreach ((string feature, string note) in notes)
        {
            lines.ShouldContain($"Note on {feature}: {note}");
        }
    }

    [Fact]
    public async Task Import_partial_writes_the_features_that_can_be_served()
    {
        string output = Path.Combine(_folder.Path, "out.json");

        var (exitCode, printed, error) = await CliRunner.RunAsync(["import", "growthbook", Write("features.json", Payload), "--out", output, "--partial", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        using JsonDocument report = JsonDocument.Parse(printed);
        report.RootElement.GetProperty("features").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("status").GetString()))
            .ShouldBe([("dark-mode", "exact"), ("namespaced", "refused")]);
        ConfigLoadResult loaded = ConfigDocument.Parse(await File.ReadAllTextAsync(output, Ct));
        loaded.Problems.ShouldBeEmpty();
        loaded.Configuration!.Flags.Select(f => f.Key).ShouldBe(["dark-mode"]);
        loaded.Configuration.Segments.Select(s => s.Key).ShouldBe(["beta"]);
    }

    [Fact]
    public async Task Import_of_an_encrypted_payload_exits_1_and_says_how_to_export_it()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["import", "growthbook", Write("features.json", """{"encryptedFeatures": "abc=="}""")], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain("turn encryption off");
    }
}
