using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart stats`: analyse sufficient statistics, and plan power, duration and the cost of learning.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var stats = new Command("stats", "Statistics from sufficient statistics: analyse results, plan experiments.");
        stats.Subcommands.Add(StatsAnalyzeCommand.Create());
        stats.Subcommands.Add(StatsPlanCommand.Create());
        return stats;
    }
}
