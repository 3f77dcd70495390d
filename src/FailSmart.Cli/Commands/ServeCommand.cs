using System.CommandLine;
using FailSmart.Server;
using FailSmart.Storage;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart serve`: hosts the server in this process, with the embedded stores.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "The data folder for the embedded stores (default ./failsmart-data, or FAILSMART_DATA).",
        };
        var urls = new Option<string?>("--urls")
        {
            Description = $"The address to listen on (default {FailSmartServer.DefaultUrl}).",
        };
        var command = new Command("serve", "Start the FailSmart server with embedded storage.") { data, urls };
        command.SetAction((parse, cancellationToken) =>
        {
            var serverArgs = new List<string>();
            if (parse.GetValue(data) is { } dataPath)
            {
                try
                {
                    // Checked here too, so a bad folder is one line on this command's error stream, before any start-up output.
                    DataFolder.Prepare(dataPath);
                }
                catch (StorageException ex)
                {
                    parse.InvocationConfiguration.Error.WriteLine(ex.Message);
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                serverArgs.AddRange(["--data", dataPath]);
            }

            if (parse.GetValue(urls) is { } listen)
            {
                serverArgs.AddRange(["--urls", listen]);
            }

            return FailSmartServer.RunAsync([.. serverArgs], parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }
}
