using FailSmart.Cli.ConfigAsCode;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart config export`: the server's configuration as one stably ordered file, to standard output or --out.</summary>
internal static class ConfigExportCommand
{
    public static async Task<int> RunAsync(string server, string? key, FileInfo? output, bool includeArchived, System.CommandLine.InvocationConfiguration io, CancellationToken cancellationToken)
    {
        if (output is not null && Directory.Exists(output.FullName))
        {
            await io.Error.WriteLineAsync($"--out '{output.FullName}' is a folder; name the file to write.");
            return ExitCodes.Usage;
        }

        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        (IReadOnlyList<ServerResource>? resources, ApiExchange? failure) = await ServerConfig.ReadAsync(client, includeArchived, cancellationToken);
        if (resources is null)
        {
            await AdminApiClient.WriteProblemAsync(failure!, io.Error);
            return ExitCodes.InvalidInput;
        }

        string text = ConfigExport.Write(resources);
        if (output is null)
        {
            await io.Output.WriteAsync(text);
            return ExitCodes.Success;
        }

        try
        {
            await File.WriteAllTextAsync(output.FullName, text, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await io.Error.WriteLineAsync($"Could not write '{output.FullName}': {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        await io.Output.WriteLineAsync($"Exported {resources.Count} resource{(resources.Count == 1 ? "" : "s")} from {client.BaseAddress} to {output.Name}.");
        return ExitCodes.Success;
    }
}
