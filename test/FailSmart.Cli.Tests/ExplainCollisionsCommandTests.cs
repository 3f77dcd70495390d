using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class ExplainCollisionsCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private static string Example => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_example_keeps_its_experiments_apart_in_one_layer_so_there_is_nothing_to_report()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(["explain", "collisions", "--config", Example], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.Trim().ShouldBe("No collisions in production: no two running trials can reach the same units.");
    }

    [Fact]
    public async Task Two_experiments_outside_a_layer_are_reported_with_how_to_separate_them_and_exit_3()
    {
        // The example with no-ads-retention taken out of the shared layer.
        string text = File.ReadAllText(Example).Replace(
            "\"layer\": { \"key\": \"monetisation\", \"buckets\": [5000, 10000] },", string.Empty, StringComparison.Ordinal);
        text.ShouldNotBe(File.ReadAllText(Example));
        string config = Path.Combine(_folder.Path, "config.json");
        File.WriteAllText(config, text);

        var (exitCode, output, _) = await CliRunner.RunAsync(
            ["explain", "collisions", "--config", config, "--trial", "no-ads-retention"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(3);
        output.ShouldBe(string.Join(Environment.NewLine,
            "1 collision in production:",
            "- no-ads-retention and experiment button-copy (by 'id')",
            "    Experiment 'no-ads-retention' and experiment 'button-copy' both assign by 'id', their audiences can overlap, and no layer keeps them apart.",
            "    To separate: Put both in one layer with separate buckets, or narrow one audience with a condition the other excludes (for example on 'id' or a segment).",
            string.Empty));

        var (_, json, _) = await CliRunner.RunAsync(["explain", "collisions", "--config", config, "--json"], TestContext.Current.CancellationToken);
        using JsonDocument all = JsonDocument.Parse(json);
        all.RootElement.EnumerateArray().Select(c => c.GetProperty("trial").GetString() + "~" + c.GetProperty("other").GetString())
            .ShouldBe(["button-copy~no-ads-retention", "no-ads-retention~button-copy"], ignoreOrder: true);
    }
}
