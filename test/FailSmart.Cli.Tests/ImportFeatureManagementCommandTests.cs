using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class ImportFeatureManagementCommandTests : IDisposable
{
    private const string Settings = """
        {
          // as teams write appsettings.json: comments and a trailing comma
          "FeatureManagement": {
            "Beta": true,
            "NewCheckout": {
              "EnabledFor": [ { "Name": "Microsoft.Targeting", "Parameters": { "Audience": { "Users": [ "alice" ], "DefaultRolloutPercentage": 20 } } } ]
            },
            "BrowserOnly": { "EnabledFor": [ { "Name": "MyCompany.Browser", "Parameters": { "Allowed": [ "Edge" ] } } ] },
          }
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
    public async Task Import_writes_a_document_that_serves_the_features_and_reports_each()
    {
        string input = Write("appsettings.json", Settings);
        string output = Path.Combine(_folder.Path, "failsmart.config.json");

        var (exitCode, printed, error) = await CliRunner.RunAsync(["import", "feature-management", input, "--out", output], Ct);

        exitCode.ShouldBe(0, error);
        printed.ShouldContain("3 features from Microsoft.FeatureManagement: 2 exact, 1 with notes, 0 refused.");
        printed.ShouldContain("not expressed");
        printed.ShouldContain("MyCompany.Browser");
        printed.ShouldContain("failsmart config apply failsmart.config.json --dry-run");
        ConfigLoadResult loaded = ConfigDocument.Parse(await File.ReadAllTextAsync(output, Ct));
        loaded.Problems.ShouldBeEmpty();
        var evaluator = new Evaluator(loaded.Configuration!, "production");
        evaluator.Evaluate("Beta", Attributes.Of(("id", "bob"))).Value.ShouldBe(DataValue.True);
        evaluator.Evaluate("NewCheckout", Attributes.Of(("id", "alice"))).Value.ShouldBe(DataValue.True);
        // A custom filter cannot be run by FailSmart: the flag is imported switched off.
        evaluator.Evaluate("BrowserOnly", Attributes.Of(("id", "alice"))).Reason.ShouldBe(EvaluationReason.Disabled);
    }

    [Fact]
    public async Task Import_strict_exits_3_when_a_feature_is_not_exact()
    {
        string input = Write("appsettings.json", Settings);

        var (exitCode, _, _) = await CliRunner.RunAsync(["import", "feature-management", input, "--out", Path.Combine(_folder.Path, "out.json"), "--strict"], Ct);

        exitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Import_strict_exits_0_when_every_feature_is_exact()
    {
        string input = Write("appsettings.json", """{"FeatureManagement": {"Beta": true, "Off": false}}""");

        var (exitCode, _, error) = await CliRunner.RunAsync(["import", "feature-management", input, "--out", Path.Combine(_folder.Path, "out.json"), "--strict"], Ct);

        exitCode.ShouldBe(0, error);
    }

    [Fact]
    public async Task Import_json_reports_each_feature_with_its_status_flags_and_notes()
    {
        string input = Write("appsettings.json", Settings);

        var (exitCode, printed, _) = await CliRunner.RunAsync(["import", "feature-management", input, "--out", Path.Combine(_folder.Path, "out.json"), "--json", "--environment", "staging"], Ct);

        exitCode.ShouldBe(0);
        using JsonDocument report = JsonDocument.Parse(printed);
        report.RootElement.GetProperty("written").GetBoolean().ShouldBeTrue();
        report.RootElement.GetProperty("exact").GetBoolean().ShouldBeFalse();
        JsonElement[] features = [.. report.RootElement.GetProperty("features").EnumerateArray()];
        features.Select(f => (f.GetProperty("name").GetString(), f.GetProperty("status").GetString())).ShouldBe([("Beta", "exact"), ("NewCheckout", "exact"), ("BrowserOnly", "not-expressed")]);
        features[2].GetProperty("notes")[0].GetString()!.ShouldContain("MyCompany.Browser");
        (await File.ReadAllTextAsync(Path.Combine(_folder.Path, "out.json"), Ct)).ShouldContain("\"staging\"");
    }

    [Fact]
    public async Task Import_of_a_file_without_feature_definitions_exits_1_and_says_where_they_go()
    {
        string input = Write("appsettings.json", """{"Logging": {}}""");

        var (exitCode, _, error) = await CliRunner.RunAsync(["import", "feature-management", input, "--out", Path.Combine(_folder.Path, "out.json")], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain("no \"FeatureManagement\" section");
        File.Exists(Path.Combine(_folder.Path, "out.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_json_exits_1_with_the_line()
    {
        string input = Write("appsettings.json", "{\n  \"FeatureManagement\": {\n    \"Beta\": tru\n  }\n}");

        var (exitCode, _, error) = await CliRunner.RunAsync(["import", "feature-management", input], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain("is not JSON (line 3");
    }

    [Fact]
    public async Task Import_of_a_missing_file_exits_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["import", "feature-management", Path.Combine(_folder.Path, "nope.json")], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("is not a file");
    }
}
