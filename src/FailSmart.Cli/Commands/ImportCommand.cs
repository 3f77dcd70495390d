using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart import`: load history into a running server.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Load history into a running FailSmart server.");
        import.Subcommands.Add(ImportEventsCommand.Create());
        return import;
    }
}
