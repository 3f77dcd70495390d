using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart population put|get|list|delete`: target populations on a running server, through
/// `/api/v1/populations` with an admin key. `put` sends a CSV (attribute columns and a units column) or a JSON
/// file; the server refuses a bad table whole and names each problem's line and column.
/// </summary>
internal static class PopulationCommand
{
    public static Command Create()
    {
        var command = new Command("population", "Target populations: units per market, platform… that experiments' cohorts are compared with.");
        command.Subcommands.Add(Put());
        command.Subcommands.Add(Simple("get", "Print one target population as JSON.", HttpMethod.Get));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Simple("delete", "Delete a target population.", HttpMethod.Delete));
        return command;
    }

    private static (Option<string> Server, Option<string?> Key) Connection() => (
        new Option<string>("--server") { Description = "The server's address.", DefaultValueFactory = _ => "http://localhost:5080" },
        new Option<string?>("--key") { Description = $"An admin key (fs_admin_…); default: the {AdminApiClient.KeyVariable} environment variable." });

    private static Command Put()
    {
        var key = new Argument<string>("KEY") { Description = "The population's key, such as launch-markets." };
        var file = new Option<FileInfo>("--file") { Description = "A CSV file (header: attribute columns and units, e.g. country,platform,units) or a .json file in the API's shape.", Required = true };
        var description = new Option<string?>("--description") { Description = "What the population is (CSV only; a JSON file carries its own)." };
        (Option<string> server, Option<string?> apiKey) = Connection();
        var command = new Command("put", "Create or replace a target population from a file.") { key, file, description, server, apiKey };
        command.SetAction((parse, cancellationToken) => PutAsync(
            parse.GetValue(key)!, parse.GetValue(file)!, parse.GetValue(description), parse.GetValue(server)!, parse.GetValue(apiKey), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static Command Simple(string name, string description, HttpMethod method)
    {
        var key = new Argument<string>("KEY") { Description = "The population's key." };
        (Option<string> server, Option<string?> apiKey) = Connection();
        var command = new Command(name, description) { key, server, apiKey };
        command.SetAction((parse, cancellationToken) => SendAsync(
            method, $"/api/v1/populations/{Uri.EscapeDataString(parse.GetValue(key)!)}", parse.GetValue(server)!, parse.GetValue(apiKey), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static Command List()
    {
        (Option<string> server, Option<string?> apiKey) = Connection();
        var command = new Command("list", "List target populations: key, strata, units and who uploaded them.") { server, apiKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            using AdminApiClient? client = AdminApiClient.Create(parse.GetValue(server)!, parse.GetValue(apiKey), io.Error);
            if (client is null)
            {
                return ExitCodes.Usage;
            }

            (JsonDocument? answer, int? failed) = await client.SendAsync(HttpMethod.Get, "/api/v1/populations", null, io, cancellationToken);
            if (failed is int exit)
            {
                return exit;
            }

            using (answer)
            {
                foreach (JsonElement p in answer!.RootElement.EnumerateArray())
                {
                    await io.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{p.GetProperty("key").GetString()}  by {string.Join(", ", p.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()))}  " +
                        $"{p.GetProperty("strata").GetArrayLength()} strata  {p.GetProperty("totalUnits").GetDouble():N0} units  v{p.GetProperty("version").GetInt64()} by {p.GetProperty("updatedBy").GetString()}"));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> PutAsync(string key, FileInfo file, string? description, string server, string? apiKey, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, apiKey, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        if (!file.Exists)
        {
            await io.Error.WriteLineAsync($"There is no file '{file.FullName}'.");
            return ExitCodes.Usage;
        }

        bool json = file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        string path = $"/api/v1/populations/{Uri.EscapeDataString(key)}" + (description is null || json ? "" : "?description=" + Uri.EscapeDataString(description));
        string body = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        (JsonDocument? answer, int? failed) = await client.SendAsync(HttpMethod.Put, path, body, io, cancellationToken, contentType: json ? "application/json" : "text/csv");
        if (failed is int exit)
        {
            await io.Error.WriteLineAsync("Nothing was stored.");
            return exit;
        }

        using (answer)
        {
            JsonElement p = answer!.RootElement;
            await io.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stored '{key}' (version {p.GetProperty("version").GetInt64()}): {p.GetProperty("strata").GetArrayLength()} strata, {p.GetProperty("totalUnits").GetDouble():N0} units."));
        }

        return ExitCodes.Success;
    }

    private static async Task<int> SendAsync(HttpMethod method, string path, string server, string? apiKey, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, apiKey, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        (JsonDocument? answer, int? failed) = await client.SendAsync(method, path, null, io, cancellationToken);
        if (failed is int exit)
        {
            return exit;
        }

        using (answer)
        {
            await io.Output.WriteLineAsync(method == HttpMethod.Delete
                ? $"Deleted '{answer!.RootElement.GetProperty("key").GetString()}'."
                : JsonSerializer.Serialize(answer!.RootElement, AnalyzeOutput.JsonOptions));
        }

        return ExitCodes.Success;
    }
}
