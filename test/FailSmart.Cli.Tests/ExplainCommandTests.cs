using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class ExplainCommandTests
{
    private static string Example => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    [Fact]
    public async Task Explain_prints_each_step_and_the_outcome()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(
            ["explain", "--config", Example, "--flag", "new-checkout", "--context", "{\"id\":\"u-1\",\"email\":\"ana@failsmart.dev\"}"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldContain("flag new-checkout in production");
        output.ShouldContain("staff");
        output.ShouldContain("=> true (variation on, reason TargetingMatch)");
    }

    [Fact]
    public async Task Explain_json_is_a_trace_document()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(
            ["explain", "--config", Example, "--flag", "checkout-button", "--context", "{\"id\":\"u-42\"}", "--json"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        using JsonDocument trace = JsonDocument.Parse(output);
        trace.RootElement.GetProperty("flag").GetString().ShouldBe("checkout-button");
        trace.RootElement.GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Explain_with_a_context_that_is_not_an_object_fails_with_usage_code()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["explain", "--config", Example, "--flag", "new-checkout", "--context", "[1,2"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2);
        error.ShouldContain("--context must be a JSON object");
    }

    [Fact]
    public async Task Explain_with_an_invalid_configuration_lists_its_problems()
    {
        using var folder = new TemporaryFolder();
        string file = Path.Combine(folder.Path, "bad.json");
        await File.WriteAllTextAsync(file, """{"version":1,"experiments":[{"key":"x","variations":[{"key":"a","weight":0.9}]}]}""", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliRunner.RunAsync(["explain", "--config", file, "--flag", "f"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ShouldContain("$.experiments[0]");
    }

    [Fact]
    public async Task Explain_with_a_missing_file_says_so()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["explain", "--config", "/nowhere/config.json", "--flag", "f"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2);
        error.ShouldContain("does not exist");
    }
}
