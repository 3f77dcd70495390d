using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart stats`: analyse sufficient statistics, and plan power, duration and the cost of learning.</summary>
internal static class StatsCommand
{
    /// <param name="standardInput">What `stats analyze -` reads; the console's input unless a test gives one.</param>
    public static Command Create(TextReader? standardInput = null)
    {
        var stats = new Command("stats", "Statistics from sufficient statistics: analyse results, plan experiments.");
        stats.Subcommands.Add(StatsAnalyzeCommand.Create(standardInput));
        stats.Subcommands.Add(StatsPlanCommand.Create());
        return stats;
    }
}
