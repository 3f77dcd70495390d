using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>Every command: any error gives a non-zero exit code and says what was wrong on standard error.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Example => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Explain_unknown_flag_exits_1_and_lists_the_flags()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["explain", "--config", Example, "--flag", "nope"], Ct);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe("--flag 'nope' is not in 'checkout.json'; its flags are: checkout-button, new-checkout, no-ads.");
    }

    [Fact]
    public async Task Explain_flag_not_configured_in_the_environment_prints_the_trace_and_exits_1()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["explain", "--config", Example, "--flag", "checkout-button", "--environment", "staging"], Ct);

        exitCode.ShouldBe(1);
        output.ShouldContain("Environment staging: The flag has no configuration for this environment.");
        error.Trim().ShouldBe("Evaluation of 'checkout-button' failed (EnvironmentNotConfigured): Flag 'checkout-button' is not configured in environment 'staging'.");
    }

    [Fact]
    public async Task Explain_config_that_is_not_json_exits_1_naming_the_place()
    {
        string config = Write("broken.json", "{\"version\": 1, \"flags\": [");

        var (exitCode, _, error) = await CliRunner.RunAsync(["explain", "--config", config, "--flag", "f"], Ct);

        exitCode.ShouldBe(1);
        error.ShouldStartWith("The configuration file 'broken.json' is not valid (1 problem):");
        error.ShouldContain("line 1");
    }

    [Fact]
    public async Task Explain_config_that_is_a_folder_exits_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["explain", "--config", _folder.Path, "--flag", "f"], Ct);

        exitCode.ShouldBe(2);
        error.Trim().ShouldBe($"--config '{_folder.Path}' is a folder; name the configuration file in it.");
    }

    [Fact]
    public async Task Missing_required_option_exits_2_with_the_error_and_no_help_on_standard_output()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["explain", "--config", Example], Ct);

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["Option '--flag' is required.", "Run 'failsmart explain --help' for usage."]);
    }

    [Fact]
    public async Task Option_value_of_the_wrong_type_exits_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "lots", "--units-per-day", "1", "--effect", "0.1", "--value-per-unit", "1"], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("'lots'");
        error.ShouldContain("Run 'failsmart stats plan --help' for usage.");
    }

    [Fact]
    public async Task No_command_exits_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync([], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("Required command was not provided.");
    }

    [Fact]
    public async Task Stats_analyze_missing_file_exits_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["stats", "analyze", Path.Combine(_folder.Path, "none.json")], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Stats_analyze_file_without_cases_exits_1()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", Write("empty.json", "{\"cases\": []}")], Ct);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe("'empty.json' holds no case; write an array of cases, or an object with a \"cases\" array.");
    }

    [Fact]
    public async Task Stats_analyze_invalid_json_exits_1()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["stats", "analyze", Write("bad.json", "[{")], Ct);

        exitCode.ShouldBe(1);
        error.ShouldStartWith("'bad.json' is not valid JSON");
    }

    [Fact]
    public async Task Stats_plan_without_any_allocation_exits_2()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "0.3", "--proportion", "--units-per-day", "10", "--effect", "0.1", "--value-per-unit", "1", "--allocations", ","], Ct);

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe("--allocations names no traffic share; give percentages such as 1,5,10.");
    }

    [Fact]
    public async Task Serve_with_an_unusable_data_folder_exits_1_without_starting()
    {
        string file = Write("not-a-folder", "x");

        var (exitCode, _, error) = await CliRunner.RunAsync(["serve", "--data", file, "--urls", "http://127.0.0.1:0"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe($"The data folder '{file}' cannot be used: it is a file, not a folder. Choose a writable folder with --data <path> or the FAILSMART_DATA environment variable.");
    }

    [Fact]
    public async Task Serve_on_an_address_in_use_exits_1_with_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, _, error) = await CliRunner.RunAsync(["serve", "--data", _folder.Path, "--urls", $"http://127.0.0.1:{port}"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe($"FailSmart could not start: Failed to bind to address http://127.0.0.1:{port}: address already in use. Choose another address with --urls, or stop the program that is using it.");
    }
}
