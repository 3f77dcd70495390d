using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
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
        var key = new Option<string?>("--key") { Description = $"An admin key (fs_admin_…); default: the {ScheduleCommand.KeyVariable} environment variable." };
        var command = new Command("import", "Import ledger entries from a CSV file into a running server, all or nothing.") { file, dryRun, server, key };
        command.SetAction((parse, cancellationToken) => ImportAsync(
            parse.GetValue(file)!, parse.GetValue(dryRun), parse.GetValue(server)!, parse.GetValue(key), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> ImportAsync(FileInfo file, bool dryRun, string server, string? key, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        key ??= Environment.GetEnvironmentVariable(ScheduleCommand.KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            await io.Error.WriteLineAsync($"An admin key is needed: pass --key fs_admin_… or set {ScheduleCommand.KeyVariable}.");
            return ExitCodes.Usage;
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            await io.Error.WriteLineAsync($"--server '{server}' is not an http or https address, such as http://localhost:5080.");
            return ExitCodes.Usage;
        }

        if (!file.Exists)
        {
            await io.Error.WriteLineAsync($"There is no file '{file.FullName}'.");
            return ExitCodes.Usage;
        }

        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            await using FileStream stream = file.OpenRead();
            using var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = Encoding.UTF8.WebName };
            using HttpResponseMessage response = await http.PostAsync(
                new Uri("/api/v1/ledger/import" + (dryRun ? "?dryRun=true" : ""), UriKind.Relative), content, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            using JsonDocument answer = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            JsonElement root = answer.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                await io.Error.WriteLineAsync($"{(int)response.StatusCode} {Text(root, "title")}");
                await io.Error.WriteLineAsync(Text(root, "detail"));
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement error in errors.EnumerateArray())
                    {
                        await io.Error.WriteLineAsync($"  {Text(error, "path")}: {Text(error, "message")} {Text(error, "hint")}".TrimEnd());
                    }
                }

                await io.Error.WriteLineAsync("Nothing was imported.");
                return ExitCodes.InvalidInput;
            }

            await io.Output.WriteLineAsync((dryRun ? "Dry run, nothing written: " : "Imported ") + Text(root, "message"));
            return ExitCodes.Success;
        }
        catch (HttpRequestException ex)
        {
            await io.Error.WriteLineAsync($"Could not reach {baseAddress}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (JsonException)
        {
            await io.Error.WriteLineAsync($"{baseAddress} did not answer with JSON; is it a FailSmart server?");
            return ExitCodes.InvalidInput;
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
