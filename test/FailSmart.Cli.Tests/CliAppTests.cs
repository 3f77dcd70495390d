namespace FailSmart.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Version_prints_the_product_version()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(["--version"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task Help_describes_the_product_and_lists_serve()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(["--help"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldContain("FailSmart: feature flags, experiments and staged rollouts");
        output.ShouldContain("serve");
    }

    [Fact]
    public async Task Unknown_command_fails_and_says_what_was_wrong()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["launch-rockets"], TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0);
        error.ShouldContain("Unrecognized command or argument 'launch-rockets'");
    }

    [Fact]
    public async Task Serve_with_an_option_missing_its_value_fails_without_starting()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["serve", "--data"], TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0);
        error.ShouldContain("--data");
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_on_standard_error_and_exit_code_1()
    {
        var root = new System.CommandLine.RootCommand();
        var boom = new System.CommandLine.Command("boom");
        boom.SetAction((Func<System.CommandLine.ParseResult, int>)(_ => throw new InvalidOperationException("The disk is on fire." + Environment.NewLine + "Really.")));
        root.Subcommands.Add(boom);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await CliApp.RunAsync(root, ["boom"], new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldBe("failsmart boom failed: The disk is on fire. Really." + Environment.NewLine);
    }
}
