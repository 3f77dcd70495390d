using System.CommandLine;
using System.Text.Json;
using FailSmart.Cli.Commands;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart scan` over a fixture tree written to a temporary folder, with the flags from a file.</summary>
public sealed class ScanCommandTests : IDisposable
{
    // A saved answer of GET /api/v1/flags?includeArchived=true: old-banner and retired are archived, unused-flag is referenced nowhere.
    private const string FlagList = """
        {"items":[
          {"kind":"flag","key":"new-checkout","version":3,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"checkout-button","version":1,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"no-ads","version":1,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"gated-page","version":1,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"old-banner","version":4,"archived":true,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"py-flag","version":1,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"unused-flag","version":1,"archived":false,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}},
          {"kind":"flag","key":"retired","version":2,"archived":true,"tags":[],"updatedAt":"2026-12-01T00:00:00Z","document":{}}
        ],"total":8,"offset":0,"limit":200}
        """;

    private const string PythonPattern = """feature_enabled\("([a-z0-9-]+)"\)""";

    private readonly TemporaryFolder _folder = new();

    public ScanCommandTests()
    {
        Write("src/Checkout.cs", """
            using FailSmart.Client;

            public sealed class Checkout(IFailSmartClient flags, IFeatureManager features, IFeatureClient client)
            {
                [FeatureGate("gated-page")]
                public async Task<bool> RunAsync(string suffix)
                {
                    bool on = flags.GetBool("new-checkout", false);
                    string copy = flags.GetStringDetail(
                        "checkout-button", "Buy").Value;
                    bool legacy = await features.IsEnabledAsync("old-banner");
                    string computed = flags.GetString("prefix-" + suffix, "x");
                    string interpolated = flags.GetString($"flag-{suffix}", "x");
                    bool noAds = await client.GetBooleanValueAsync("no-ads", false);
                    return on && legacy && noAds;
                }
            }

            """);
        Write("src/Views/Cart.razor", """
            @inject IFailSmartClient Flags
            <feature name="new-checkout">
                <p>New checkout</p>
            </feature>
            @if (Flags.GetBool("chekout-typo", false))
            {
                <p>Typo</p>
            }

            """);
        Write("web/app.ts", """
            import { OpenFeature } from '@openfeature/server-sdk';

            const client = OpenFeature.getClient();
            export async function render(gb: GrowthBook, key: string) {
              const on = await client.getBooleanValue('new-checkout', false);
              const ads = gb.isOn("no-ads");
              const label = useFeatureValue<string>(`checkout-button`, 'Buy');
              const computed = await client.getBooleanValue(key, false);
              return on && ads && label && computed;
            }

            """);
        File.WriteAllText(Path.Combine(_folder.Path, "web", "legacy.js"), "// legacy\r\nvar gb = window.gb;\r\nif (gb.isOff('old-banner')) {\r\n  show();\r\n}\r\n");
        Write("node_modules/lib/index.js", "gb.isOn('new-checkout');\n");
        Write("src/bin/Debug/Copy.cs", "flags.GetBool(\"new-checkout\", false);\n");
        Write("scripts/flags.py", "if feature_enabled(\"py-flag\"):\n    pass\n");
        Write("flags.json", FlagList);
    }

    private string Flags => Path.Combine(_folder.Path, "flags.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Json_names_every_reference_with_file_line_column_and_status_and_counts_them_per_flag()
    {
        (int exit, string output, string error) = await ScanAsync("--pattern", PythonPattern, "--json", "--fail-on", "none");

        (exit, error).ShouldBe((0, ""));
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("source").GetProperty("kind").GetString().ShouldBe("flag-list");
        root.GetProperty("source").GetProperty("location").GetString().ShouldBe("flags.json");
        root.GetProperty("filesScanned").GetInt32().ShouldBe(6); // the pattern reads every text file: flags.json and flags.py too; node_modules and bin never
        JsonElement summary = root.GetProperty("summary");
        summary.GetProperty("flags").GetInt32().ShouldBe(8);
        summary.GetProperty("references").GetInt32().ShouldBe(12);
        summary.GetProperty("unreferencedFlags").GetInt32().ShouldBe(1);
        summary.GetProperty("archivedReferences").GetInt32().ShouldBe(2);
        summary.GetProperty("unknownReferences").GetInt32().ShouldBe(1);

        root.GetProperty("references").EnumerateArray()
            .Select(r => $"{r.GetProperty("file").GetString()}:{r.GetProperty("line").GetInt32()}:{r.GetProperty("column").GetInt32()} {r.GetProperty("key").GetString()} {r.GetProperty("status").GetString()}")
            .ShouldBe([
                "scripts/flags.py:1:21 py-flag active",
                "src/Checkout.cs:5:19 gated-page active",
                "src/Checkout.cs:8:34 new-checkout active",
                "src/Checkout.cs:10:14 checkout-button active",
                "src/Checkout.cs:11:54 old-banner archived",
                "src/Checkout.cs:14:57 no-ads active",
                "src/Views/Cart.razor:2:16 new-checkout active",
                "src/Views/Cart.razor:5:21 chekout-typo unknown",
                "web/app.ts:5:44 new-checkout active",
                "web/app.ts:6:24 no-ads active",
                "web/app.ts:7:42 checkout-button active",
                "web/legacy.js:3:15 old-banner archived",
            ]);

        root.GetProperty("flags").EnumerateArray()
            .Select(f => $"{f.GetProperty("key").GetString()} {f.GetProperty("archived").GetBoolean()} {f.GetProperty("references").GetInt32()}")
            .ShouldBe([
                "checkout-button False 2",
                "gated-page False 1",
                "new-checkout False 3",
                "no-ads False 2",
                "old-banner True 2",
                "py-flag False 1",
                "retired True 0",
                "unused-flag False 0",
            ]);
        root.GetProperty("unreferencedFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["unused-flag"]);
        JsonElement unknown = root.GetProperty("unknownFlags").EnumerateArray().ShouldHaveSingleItem();
        (unknown.GetProperty("key").GetString(), unknown.GetProperty("references").GetInt32()).ShouldBe(("chekout-typo", 1));
        root.GetProperty("filesTooLarge").GetArrayLength().ShouldBe(0);
        root.GetProperty("failOn").GetArrayLength().ShouldBe(0);
        root.GetProperty("failed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_crlf_file_has_the_same_lines_and_columns_as_its_lf_copy()
    {
        Write("web/legacy-lf.js", "// legacy\nvar gb = window.gb;\nif (gb.isOff('old-banner')) {\n  show();\n}\n");

        (_, string output, _) = await ScanAsync("--json");

        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("references").EnumerateArray()
            .Where(r => r.GetProperty("file").GetString()!.StartsWith("web/legacy", StringComparison.Ordinal))
            .Select(r => $"{r.GetProperty("file").GetString()}:{r.GetProperty("line").GetInt32()}:{r.GetProperty("column").GetInt32()}")
            .ShouldBe(["web/legacy-lf.js:3:15", "web/legacy.js:3:15"]);
    }

    [Fact]
    public async Task References_to_an_archived_flag_exit_3_with_fail_on_archived_and_say_why()
    {
        (int exit, _, string error) = await ScanAsync("--fail-on", "archived");

        exit.ShouldBe(ExitCodes.Findings);
        error.Trim().ShouldBe("failsmart scan found 2 references to archived flags (--fail-on); exit code 3.");
    }

    [Fact]
    public async Task Outside_ci_mode_findings_are_reported_and_the_exit_code_is_0()
    {
        (int exit, string output, string error) = await ScanAsync([], _ => null);

        (exit, error).ShouldBe((0, ""));
        output.ShouldContain("Scanned 4 files against 8 flags from flag-list flags.json: 11 references, 2 to archived flags, 1 to unknown flags; 2 flags with no reference.");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public async Task In_ci_mode_references_to_archived_flags_fail_by_default(string ci)
    {
        (int exit, _, string error) = await ScanAsync([], name => name == "CI" ? ci : null);

        exit.ShouldBe(ExitCodes.Findings);
        error.ShouldContain("2 references to archived flags");
    }

    [Fact]
    public async Task The_ci_option_fails_on_archived_and_an_explicit_fail_on_none_still_wins()
    {
        (int ciExit, _, _) = await ScanAsync(["--ci"], _ => null);
        (int noneExit, _, _) = await ScanAsync(["--ci", "--fail-on", "none"], _ => null);

        (ciExit, noneExit).ShouldBe((ExitCodes.Findings, ExitCodes.Success));
    }

    [Fact]
    public async Task Fail_on_unknown_exits_3_for_the_typo_and_not_for_archived_references()
    {
        (int exit, _, string error) = await ScanAsync("--fail-on", "unknown");

        exit.ShouldBe(ExitCodes.Findings);
        error.Trim().ShouldBe("failsmart scan found 1 reference to unknown flags (--fail-on); exit code 3.");
    }

    [Fact]
    public async Task The_table_lists_each_flags_references_archived_and_unknown_references_and_the_unreferenced_flags()
    {
        (int exit, string output, _) = await ScanAsync("--pattern", PythonPattern, "--fail-on", "none");

        exit.ShouldBe(0);
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        lines[0].ShouldBe("Scanned 6 files against 8 flags from flag-list flags.json: 12 references, 2 to archived flags, 1 to unknown flags; 1 flag with no reference.");
        lines.ShouldContain("│ new-checkout    │ active   │ 3          │");
        lines.ShouldContain("│ old-banner      │ archived │ 2          │");
        lines.ShouldContain("│ unused-flag     │ active   │ 0          │");
        lines.ShouldContain("References to archived flags (remove them, or unarchive the flag):");
        lines.ShouldContain("│ old-banner │ src/Checkout.cs:11:54 │");
        lines.ShouldContain("│ old-banner │ web/legacy.js:3:15    │");
        lines.ShouldContain("References to unknown flags (a typo, or a flag never created):");
        lines.ShouldContain("│ chekout-typo │ src/Views/Cart.razor:5:21 │");
        lines.ShouldContain("Flags with no reference (candidates for removal): unused-flag");
    }

    [Fact]
    public async Task Github_format_annotates_archived_references_as_errors_unknown_as_warnings_and_unreferenced_flags_as_notices()
    {
        (int exit, string output, _) = await ScanAsync("--format", "github", "--fail-on", "archived");

        exit.ShouldBe(ExitCodes.Findings);
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ShouldBe([
            "::error file=src/Checkout.cs,line=11,col=54,title=Archived flag::Flag 'old-banner' is archived but still referenced here: remove the reference (or unarchive the flag).",
            "::error file=web/legacy.js,line=3,col=15,title=Archived flag::Flag 'old-banner' is archived but still referenced here: remove the reference (or unarchive the flag).",
            "::warning file=src/Views/Cart.razor,line=5,col=21,title=Unknown flag::Flag 'chekout-typo' is not a FailSmart flag: a typo, or a flag never created.",
            "::notice title=Unreferenced flag::Flag 'py-flag' has no reference in the scanned code: a candidate for removal.",
            "::notice title=Unreferenced flag::Flag 'unused-flag' has no reference in the scanned code: a candidate for removal.",
            "Scanned 4 files against 8 flags from flag-list flags.json: 11 references, 2 to archived flags, 1 to unknown flags; 2 flags with no reference.",
        ]);
    }

    [Fact]
    public async Task Github_format_makes_unknown_references_errors_when_they_fail_the_run()
    {
        (_, string output, _) = await ScanAsync("--format", "github", "--fail-on", "unknown");

        output.ShouldContain("::error file=src/Views/Cart.razor,line=5,col=21,title=Unknown flag::");
        output.ShouldContain("::warning file=src/Checkout.cs,line=11,col=54,title=Archived flag::");
    }

    [Fact]
    public async Task The_settings_file_adds_patterns_and_include_and_exclude_globs()
    {
        Write(".failsmart-scan.json", $$"""
            {
              // Python helpers; Razor views left out.
              "patterns": [{{JsonSerializer.Serialize(PythonPattern)}}],
              "include": ["src/**", "scripts"],
              "exclude": ["*.razor"]
            }
            """);

        (_, string output, _) = await ScanAsync("--json");

        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("file").GetString()).Distinct()
            .ShouldBe(["scripts/flags.py", "src/Checkout.cs"]);
    }

    [Fact]
    public async Task A_configuration_document_gives_its_flags_none_of_them_archived()
    {
        string config = Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

        (int exit, string output, _) = await CliRunner.RunAsync(["scan", _folder.Path, "--config", config, "--json", "--fail-on", "archived"], TestContext.Current.CancellationToken);

        exit.ShouldBe(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("source").GetProperty("kind").GetString().ShouldBe("config");
        json.RootElement.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("key").GetString() + (f.GetProperty("archived").GetBoolean() ? " archived" : ""))
            .ShouldBe(["checkout-button", "new-checkout", "no-ads"]);
        json.RootElement.GetProperty("references").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "unknown").Select(r => r.GetProperty("key").GetString())
            .ShouldBe(["gated-page", "old-banner", "chekout-typo", "old-banner"]); // the document has none of them
    }

    [Fact]
    public async Task A_file_over_1_mb_is_left_out_and_named()
    {
        Write("src/Huge.cs", "flags.GetBool(\"unused-flag\", false);\n" + new string('/', 1024 * 1024));

        (_, string output, _) = await ScanAsync("--json");

        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("filesTooLarge").EnumerateArray().Select(f => f.GetString()).ShouldBe(["src/Huge.cs"]);
        json.RootElement.GetProperty("unreferencedFlags").EnumerateArray().Select(f => f.GetString()).ShouldContain("unused-flag");
    }

    [Theory]
    [InlineData(new[] { "scan", "{root}" }, "Say where the flags come from: --server URL")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--server", "http://localhost:5080", "--key", "k" }, "Say where the flags come from")]
    [InlineData(new[] { "scan", "{root}/missing", "--config", "{flags}" }, "does not exist; name the folder to scan")]
    [InlineData(new[] { "scan", "{flags}", "--config", "{flags}" }, "is a file; name the folder to scan")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--pattern", "feature(" }, "--pattern 'feature(' is not a valid regular expression")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--pattern", "feature\\(\"[a-z]+\"\\)" }, "has 0 capture groups; it needs exactly one, around the key")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--pattern", "(a)(b)" }, "has 2 capture groups")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--json", "--format", "github" }, "--json and --format github ask for two outputs")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--fail-on", "everything" }, "Argument 'everything' not recognized")]
    [InlineData(new[] { "scan", "{root}", "--config", "{flags}", "--format", "xml" }, "Argument 'xml' not recognized")]
    [InlineData(new[] { "scan", "{root}", "--config", "{root}/none.json" }, "does not exist")]
    [InlineData(new[] { "scan", "{root}", "--server", "localhost:5080", "--key", "fs_admin_x" }, "--server 'localhost:5080' is not an http or https address")]
    public async Task Wrong_usage_exits_2_and_says_what_to_change(string[] args, string message)
    {
        string[] resolved = [.. args.Select(a => a.Replace("{root}", _folder.Path, StringComparison.Ordinal).Replace("{flags}", Flags, StringComparison.Ordinal))];

        (int exit, string output, string error) = await CliRunner.RunAsync(resolved, TestContext.Current.CancellationToken);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain(message);
        output.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"paterns": []}""", "'paterns' is not a setting; use patterns, include or exclude.")]
    [InlineData("""{"exclude": "bin"}""", "'exclude' must be an array of non-empty strings")]
    [InlineData("""{"patterns": ["(a"]}""", ".failsmart-scan.json patterns[0] '(a' is not a valid regular expression")]
    [InlineData("""[1]""", ".failsmart-scan.json must be a JSON object")]
    [InlineData("""{"include": [""", ".failsmart-scan.json is not valid JSON")]
    public async Task A_wrong_settings_file_exits_2_and_says_what_to_fix(string settings, string message)
    {
        Write(".failsmart-scan.json", settings);

        (int exit, _, string error) = await ScanAsync();

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain(message);
    }

    [Fact]
    public async Task A_flag_list_that_holds_one_page_of_several_is_refused()
    {
        Write("flags.json", FlagList.Replace("\"total\":8", "\"total\":250", StringComparison.Ordinal));

        (int exit, _, string error) = await ScanAsync();

        exit.ShouldBe(ExitCodes.InvalidInput);
        error.ShouldContain("holds 8 of the server's 250 flags");
    }

    private Task<(int ExitCode, string Output, string Error)> ScanAsync(params string[] args) => ScanAsync(args, _ => null);

    /// <summary>Runs the scan with the environment given, so the CI variable of the machine running the tests does not decide.</summary>
    private async Task<(int ExitCode, string Output, string Error)> ScanAsync(string[] args, Func<string, string?> environment)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ScanCommand.Create(environment));
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CliApp.RunAsync(root, ["scan", _folder.Path, "--config", Flags, .. args], new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }
}
