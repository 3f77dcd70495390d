using System.CommandLine;
using System.Text.Json;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart ledger import FILE [--dry-run]`: sends a ledger CSV to a running server's
/// `/api/v1/ledger/import` with an admin key. The server checks every row and writes all or nothing, so
/// the same file can be sent again safely. Exits 0 when it was imported (or, with --dry-run, would be);
/// otherwise prints each refused row and exits 1.
/// </summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "The investment ledger: effort per feature, ISO week and phase.");
        command.Subcommands.Add(Import());
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV file: header feature,week,phase,person_days[,cost_per_person_day][,note]." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and say what would change; write nothing." };
        var server = new Option<string>("--server") { Description = "The server's address.", DefaultValueFactory = _ => "http://localhost:5080" };
        var key = new Option<string?>("--key") { Description = $"An admin key (fs_admin_…); default: the {AdminApiClient.KeyVariable} environment variable." };
        var command = new Command("import", "Import ledger entries from a CSV file into a running server, all or nothing.") { file, dryRun, server, key };
        command.SetAction((parse, cancellationToken) => ImportAsync(
            parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(server)!, parse.GetValue(key), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> ImportAsync(FileInfo file, bool dryRun, string server, string? key, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        if (!file.Exists)
        {
            await io.Error.WriteLineAsync($"There is no file '{file.FullName}'.");
            return ExitCodes.Usage;
        }

        string csv = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        (JsonDocument? answer, int? failed) = await client.SendAsync(
            HttpMethod.Post, "/api/v1/ledger/import" + (dryRun ? "?dryRun=true" : ""), csv, io, cancellationToken, contentType: "text/csv");
        if (failed is int exit)
        {
            await io.Error.WriteLineAsync("Nothing was imported.");
            return exit;
        }

        using (answer)
        {
            await io.Output.WriteLineAsync((dryRun ? "Dry run, nothing written: " : "Imported ") + Text(answer!.RootElement, "message"));
        }

        return ExitCodes.Success;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
