using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using FailSmart.Cli.Commands;

namespace FailSmart.Cli;

/// <summary>The `failsmart` command tree. Each subcommand lives in its own file under Commands/.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("FailSmart: feature flags, experiments and staged rollouts that make every failure small, cheap, safe and instructive.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(RolloutCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(LedgerCommand.Create());
        root.Subcommands.Add(PopulationCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs a command. Whatever goes wrong, the exit code is not 0 and standard error says
    /// what in one line: a script that runs failsmart must be able to tell a failure from an answer.
    /// </summary>
    public static Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default) =>
        RunAsync(CreateRoot(), args, configuration, cancellationToken);

    internal static async Task<int> RunAsync(RootCommand root, string[] args, InvocationConfiguration? configuration, CancellationToken cancellationToken)
    {
        configuration ??= new InvocationConfiguration();
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // The parser's own action prints the whole help after the errors; the errors and a pointer to it are enough.
            foreach (ParseError error in parse.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message);
            }

            await configuration.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
#pragma warning disable CA1031 // The last resort: a one-line message instead of a stack trace, and a failing exit code.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            await configuration.Error.WriteLineAsync($"{CommandPath(parse.CommandResult)} failed: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InvalidInput;
        }
    }

    private static string CommandPath(CommandResult? command)
    {
        var names = new Stack<string>();
        for (SymbolResult? at = command; at is not null; at = at.Parent)
        {
            if (at is CommandResult c)
            {
                names.Push(c.Command is RootCommand ? "failsmart" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
