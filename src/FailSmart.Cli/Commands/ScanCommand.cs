using System.CommandLine;
using FailSmart.Cli.Scanning;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart scan PATH`: finds flag keys written in source code and compares them with the flags FailSmart knows
/// (from a running server, or a file for offline CI): flags nothing references, references to archived flags, and
/// references to unknown flags, each with file:line:column. Exits 3 when a finding named by --fail-on is there
/// (archived by default in CI mode), 2 for wrong usage, 1 when the flags could not be read or the scan could not finish.
/// </summary>
internal static class ScanCommand
{
    /// <summary>The command; <paramref name="environment"/> reads environment variables (CI), replaceable in tests.</summary>
    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var path = new Argument<string>("PATH") { Description = "The folder to scan (default: the current folder).", DefaultValueFactory = _ => "." };
        var server = new Option<string?>("--server") { Description = "Read the flags from this server, such as http://localhost:5080 (every flag, archived ones included)." };
        var key = new Option<string?>("--key", "--api-key") { Description = $"An admin key for --server (fs_admin_…); default: the {AdminApiClient.KeyVariable} environment variable." };
        var config = new Option<FileInfo?>("--config") { Description = "Read the flags from a file instead: a configuration document, or a saved answer of GET /api/v1/flags?includeArchived=true." };
        var patterns = new Option<string[]>("--pattern") { Description = "A regular expression with one capture group, the key, searched in every file (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (the same as --format json)." };
        var format = new Option<string?>("--format") { Description = "table (default), json, or github (GitHub Actions annotations on each line)." };
        format.AcceptOnlyFromAmong("table", "json", "github");
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit 3 when the scan finds this: archived, unknown, unreferenced or none (repeatable). Default: archived in CI mode, else none.", Arity = ArgumentArity.ZeroOrMore };
        failOn.AcceptOnlyFromAmong("archived", "unknown", "unreferenced", "none");
        var ci = new Option<bool>("--ci") { Description = "CI mode (also on when the CI environment variable is true): --fail-on defaults to archived." };

        var command = new Command("scan", "Find flag keys in source code (C#, Razor, TypeScript, JavaScript and your patterns) and compare them with the flags FailSmart knows.")
        {
            path, server, key, config, patterns, json, format, failOn, ci,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            string root = parse.GetValue(path)!;
            string? serverUrl = parse.GetValue(server);
            FileInfo? configFile = parse.GetValue(config);
            string? chosenFormat = parse.GetValue(format);
            if (parse.GetValue(json))
            {
                if (chosenFormat is not (null or "json"))
                {
                    await io.Error.WriteLineAsync($"--json and --format {chosenFormat} ask for two outputs; pass one of them.");
                    return ExitCodes.Usage;
                }

                chosenFormat = "json";
            }

            if ((serverUrl is null) == (configFile is null))
            {
                await io.Error.WriteLineAsync("Say where the flags come from: --server URL (with --key or " + AdminApiClient.KeyVariable + ") or --config FILE, one of them.");
                return ExitCodes.Usage;
            }

            if (!Directory.Exists(root))
            {
                await io.Error.WriteLineAsync(File.Exists(root)
                    ? $"PATH '{root}' is a file; name the folder to scan."
                    : $"PATH '{root}' does not exist; name the folder to scan, such as . for the current one.");
                return ExitCodes.Usage;
            }

            if (Settings(root, parse.GetValue(patterns) ?? [], io.Error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            ScanFailOn failures = FailOn(parse.GetValue(failOn) ?? [], parse.GetValue(ci) || IsCi(environment));

            (KnownFlags? flags, int? exit) = configFile is not null
                ? ScanFlagSource.FromFile(configFile, io.Error)
                : await ScanFlagSource.FromServerAsync(serverUrl!, parse.GetValue(key), io, cancellationToken);
            if (exit is not null)
            {
                return exit.Value;
            }

            SourceScanResult scan = new SourceScanner(settings, Environment.ProcessorCount).Scan(root, cancellationToken);
            var report = ScanReport.Compare(flags!, scan);
            string? failure = Failure(report, failures);
            switch (chosenFormat)
            {
                case "json":
                    ScanJsonOutput.Write(report, failures, failure is not null, io.Output);
                    break;
                case "github":
                    ScanGithubOutput.Write(report, failures, io.Output);
                    break;
                default:
                    ScanTableOutput.Write(report, io.Output);
                    break;
            }

            foreach (string problem in scan.Problems)
            {
                await io.Error.WriteLineAsync(problem);
            }

            if (scan.Problems.Count > 0)
            {
                await io.Error.WriteLineAsync($"The scan did not read every file ({ScanSummary.Count(scan.Problems.Count, "problem")} above), so its report may be incomplete.");
                return ExitCodes.InvalidInput;
            }

            if (failure is not null)
            {
                await io.Error.WriteLineAsync(failure);
                return ExitCodes.Findings;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsCi(Func<string, string?> environment) =>
        environment("CI") is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static ScanFailOn FailOn(string[] values, bool ci)
    {
        if (values.Length == 0)
        {
            return ci ? ScanFailOn.Archived : ScanFailOn.None;
        }

        ScanFailOn failOn = ScanFailOn.None;
        foreach (string value in values)
        {
            failOn |= value switch
            {
                "archived" => ScanFailOn.Archived,
                "unknown" => ScanFailOn.Unknown,
                "unreferenced" => ScanFailOn.Unreferenced,
                _ => ScanFailOn.None,
            };
        }

        return failOn;
    }

    /// <summary>The sentence that explains exit 3, or null when nothing named by --fail-on was found.</summary>
    private static string? Failure(ScanReport report, ScanFailOn failOn)
    {
        var reasons = new List<string>();
        if (failOn.HasFlag(ScanFailOn.Archived) && report.ArchivedReferences.Count() is > 0 and int archived)
        {
            reasons.Add($"{ScanSummary.Count(archived, "reference")} to archived flags");
        }

        if (failOn.HasFlag(ScanFailOn.Unknown) && report.UnknownReferences.Count() is > 0 and int unknown)
        {
            reasons.Add($"{ScanSummary.Count(unknown, "reference")} to unknown flags");
        }

        if (failOn.HasFlag(ScanFailOn.Unreferenced) && report.Unreferenced.Count() is > 0 and int unreferenced)
        {
            reasons.Add($"{ScanSummary.Count(unreferenced, "flag")} with no reference");
        }

        return reasons.Count == 0 ? null : $"failsmart scan found {string.Join(", ", reasons)} (--fail-on); exit code 3.";
    }

    /// <summary>The built-in patterns plus --pattern and the settings file's; null with the problem written when one is wrong.</summary>
    private static ScanSettings? Settings(string root, string[] patterns, TextWriter error)
    {
        if (ScanSettingsFile.Read(root, out string? problem) is not { } file)
        {
            error.WriteLine(problem);
            return null;
        }

        var custom = new List<ScanPattern>();
        foreach ((string where, string expression) in patterns.Select(p => ("--pattern", p))
            .Concat(file.Patterns.Select((p, i) => ($"{ScanSettingsFile.Name} patterns[{i}]", p))))
        {
            if (CustomScanPattern.Create(where, expression, out problem) is not { } pattern)
            {
                error.WriteLine(problem);
                return null;
            }

            custom.Add(pattern);
        }

        return new ScanSettings(custom, ScanGlobs.From(file.Include), ScanGlobs.From(file.Exclude));
    }
}
