using System.CommandLine;
using FailSmart.Cli.Commands;

namespace FailSmart.Cli;

/// <summary>The `failsmart` command tree. Each subcommand lives in its own file under Commands/.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("FailSmart: feature flags, experiments and staged rollouts that make every failure small, cheap, safe and instructive.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args) => CreateRoot().Parse(args).InvokeAsync();
}
