using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart import`: load history into a running server, or turn another tool's flags into a FailSmart configuration.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Load history into a running FailSmart server, or turn Microsoft.FeatureManagement or GrowthBook flags into a FailSmart configuration.");
        import.Subcommands.Add(ImportEventsCommand.Create());
        import.Subcommands.Add(ImportFeatureManagementCommand.Create());
        import.Subcommands.Add(ImportGrowthBookCommand.Create());
        return import;
    }
}
