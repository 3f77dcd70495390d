using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart config export|apply`: configuration as code. Export writes a server's flags, segments,
/// experiments, layers, holdouts and metric definitions as one file; apply makes a server match a file,
/// planning first and writing in dependency order with If-Match, so it can run from CI on every merge.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Configuration as code: export a server's configuration to a file, or apply a file to a server.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Apply());
        return command;
    }

    private static (Option<string> Server, Option<string?> Key) Connection()
    {
        var server = new Option<string>("--server") { Description = "The server's address.", DefaultValueFactory = _ => "http://localhost:5080" };
        var key = new Option<string?>("--key", "--api-key") { Description = $"An admin key (fs_admin_…); default: the {AdminApiClient.KeyVariable} environment variable." };
        return (server, key);
    }

    private static Command Export()
    {
        (Option<string> server, Option<string?> key) = Connection();
        var output = new Option<FileInfo?>("--out") { Description = "Write the file here instead of to standard output." };
        var archived = new Option<bool>("--include-archived") { Description = "Also write archived resources, each with \"archived\": true." };
        var command = new Command("export", "Write the server's configuration as one file, the same bytes for the same configuration.") { server, key, output, archived };
        command.SetAction((parse, cancellationToken) => ConfigExportCommand.RunAsync(
            parse.GetValue(server)!, parse.GetValue(key), parse.GetValue(output), parse.GetValue(archived), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static Command Apply()
    {
        (Option<string> server, Option<string?> key) = Connection();
        var file = new Argument<FileInfo>("FILE") { Description = "A configuration-as-code file (a configuration document; see docs/config-as-code.md)." };
        var options = new ConfigApplyOptions(
            new Option<bool>("--dry-run") { Description = "Print the plan and change nothing." },
            new Option<bool>("--archive-missing") { Description = "Archive resources that are on the server and not in the file." },
            new Option<string?>("--reason") { Description = "Why; the audit log and any change request keep it. Default: \"failsmart config apply FILE\"." },
            new Option<bool>("--json") { Description = "Print the plan and its outcome as JSON, for scripts." },
            new Option<bool>("--detailed-exit-code") { Description = "Exit 3 when changes remain: planned (with --dry-run) or waiting for approval." },
            new Option<bool>("--acknowledge-collisions") { Description = "Go ahead although a change lets trials share units (the reason says why)." },
            new Option<bool>("--confirm-archive") { Description = "Go ahead archiving flags that are still evaluated (with --archive-missing or \"archived\": true)." });
        var command = new Command("apply", "Make the server match the file: plan, then create, update, unarchive and archive in dependency order.")
        {
            file, server, key, options.DryRun, options.ArchiveMissing, options.Reason, options.Json, options.DetailedExitCode, options.AcknowledgeCollisions, options.ConfirmArchive,
        };
        command.SetAction((parse, cancellationToken) => ConfigApplyCommand.RunAsync(
            parse.GetValue(file)!, parse.GetValue(server)!, parse.GetValue(key), options.Read(parse), parse.InvocationConfiguration, cancellationToken));
        return command;
    }
}
