using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart explain` on a flag of a factorial launch: each feature's seed and bucket, and the cell its exposure records.</summary>
public sealed class ExplainFactorialLaunchTests
{
    private const string Document = """
        {
          "version": 1,
          "experiments": [
            {"key": "spring", "factorial": {"features": [{"flag": "new-search"}, {"flag": "badges", "seed": "badges-2026"}]}}
          ],
          "flags": [
            {"key": "new-search", "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "spring", "experiment": {"key": "spring"}}]}}},
            {"key": "badges", "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "spring", "experiment": {"key": "spring"}}]}}}
          ]
        }
        """;

    [Fact]
    public async Task Explain_shows_each_features_bucket_and_the_cell_in_text_and_json()
    {
        using var folder = new TemporaryFolder();
        string file = Path.Combine(folder.Path, "spring.json");
        await File.WriteAllTextAsync(file, Document, TestContext.Current.CancellationToken);
        const string unit = "u-7";
        bool search = BucketHash.BucketV2("spring:new-search", unit) < 5000, badges = BucketHash.BucketV2("badges-2026", unit) < 5000;
        string cell = (search ? "1" : "0") + (badges ? "1" : "0");

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["explain", "--config", file, "--flag", "badges", "--context", $$"""{"id":"{{unit}}"}"""], TestContext.Current.CancellationToken);
        var (jsonCode, json, _) = await CliRunner.RunAsync(
            ["explain", "--config", file, "--flag", "badges", "--context", $$"""{"id":"{{unit}}"}""", "--json"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0, error);
        output.ShouldContain($"Feature 1 of 2 ('new-search'), seed 'spring:new-search', bucket {BucketHash.Hash("spring:new-search", unit, 2)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {(search ? "on" : "off")}");
        output.ShouldContain($"Feature 2 of 2 ('badges'), seed 'badges-2026'");
        output.ShouldContain($"Cell {cell}: serve '{(badges ? "on" : "off")}' of 'badges' and log an exposure to 'spring' with variation '{cell}'.");
        jsonCode.ShouldBe(0);
        using JsonDocument trace = JsonDocument.Parse(json);
        trace.RootElement.GetProperty("result").GetProperty("experimentVariation").GetString().ShouldBe(cell);
    }
}
