using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart schedule list|toggle|cancel`: scheduled changes on a running server, through
/// `/api/v1/schedules` with an admin key. Exits 0 when the server did it; otherwise prints its problem and exits 1.
/// </summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var command = new Command("schedule", "Schedule configuration changes on a running server, list them, or cancel one.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Toggle());
        command.Subcommands.Add(Cancel());
        return command;
    }

    private static (Option<string> Server, Option<string?> Key) Connection() =>
        (new Option<string>("--server") { Description = "The server's address.", DefaultValueFactory = _ => "http://localhost:5080" },
         new Option<string?>("--key") { Description = $"An admin key (fs_admin_…); default: the {AdminApiClient.KeyVariable} environment variable." });

    private static Command List()
    {
        (Option<string> server, Option<string?> key) = Connection();
        var status = new Option<string?>("--status") { Description = "Only changes in this status." };
        status.AcceptOnlyFromAmong("pending", "applied", "cancelled", "failed", "waiting-for-approval");
        var command = new Command("list", "Scheduled changes, newest first.") { server, key, status };
        command.SetAction((parse, cancellationToken) => SendAsync(
            parse.GetValue(server)!, parse.GetValue(key), HttpMethod.Get,
            "/api/v1/schedules?limit=200" + (parse.GetValue(status) is { } s ? "&status=" + s : ""), null,
            (body, output) =>
            {
                foreach (JsonElement schedule in body.EnumerateArray())
                {
                    output.WriteLine(Line(schedule));
                }
            },
            parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static Command Toggle()
    {
        (Option<string> server, Option<string?> key) = Connection();
        var flag = new Argument<string>("FLAG") { Description = "The flag's key." };
        var environment = new Option<string>("--env") { Description = "The environment to turn it on or off in.", Required = true };
        var on = new Option<bool>("--on") { Description = "Turn it on." };
        var off = new Option<bool>("--off") { Description = "Turn it off." };
        var at = new Option<string>("--at") { Description = "When: an ISO 8601 time with its offset, such as 2026-12-14T09:00:00Z.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = new Command("toggle", "Schedule a flag to turn on or off in one environment.") { flag, environment, on, off, at, reason, server, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            InvocationConfiguration io = parse.InvocationConfiguration;
            if (parse.GetValue(on) == parse.GetValue(off))
            {
                await io.Error.WriteLineAsync("Say whether to turn the flag on or off: pass exactly one of --on and --off.");
                return ExitCodes.Usage;
            }

            if (!DateTimeOffset.TryParse(parse.GetValue(at), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset due))
            {
                await io.Error.WriteLineAsync($"--at '{parse.GetValue(at)}' is not a date and time; use ISO 8601 with an offset, such as 2026-12-14T09:00:00Z.");
                return ExitCodes.Usage;
            }

            string body = new JsonObject
            {
                ["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture),
                ["change"] = new JsonObject { ["kind"] = "flag", ["key"] = parse.GetValue(flag), ["environment"] = parse.GetValue(environment), ["enabled"] = parse.GetValue(on) },
                ["reason"] = parse.GetValue(reason),
            }.ToJsonString();
            return await SendAsync(parse.GetValue(server)!, parse.GetValue(key), HttpMethod.Post, "/api/v1/schedules", body,
                (created, output) => output.WriteLine("Scheduled " + Line(created)), io, cancellationToken);
        });
        return command;
    }

    private static Command Cancel()
    {
        (Option<string> server, Option<string?> key) = Connection();
        var id = new Argument<long>("ID") { Description = "The scheduled change's id." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log." };
        var command = new Command("cancel", "Cancel a pending scheduled change; it will not be applied.") { id, reason, server, key };
        command.SetAction((parse, cancellationToken) => SendAsync(
            parse.GetValue(server)!, parse.GetValue(key), HttpMethod.Post, $"/api/v1/schedules/{parse.GetValue(id)}/cancel",
            new JsonObject { ["reason"] = parse.GetValue(reason) }.ToJsonString(),
            (cancelled, output) => output.WriteLine("Cancelled " + Line(cancelled)), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static string Line(JsonElement s)
    {
        string change = s.GetProperty("action").GetString() == "toggle"
            ? $"turn flag {s.GetProperty("key").GetString()} {(s.GetProperty("enabled").GetBoolean() ? "on" : "off")} in {s.GetProperty("environment").GetString()}"
            : $"{s.GetProperty("action").GetString()} {s.GetProperty("kind").GetString()} {s.GetProperty("key").GetString()}";
        string message = s.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? $" ({m.GetString()})" : "";
        return $"#{s.GetProperty("id").GetInt64()} {s.GetProperty("dueAt").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {s.GetProperty("status").GetString()}{message}: {change}, by {s.GetProperty("author").GetString()}";
    }

    private static async Task<int> SendAsync(
        string server, string? key, HttpMethod method, string path, string? body, Action<JsonElement, TextWriter> print, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        (JsonDocument? answer, int? exit) = await client.SendAsync(method, path, body, io, cancellationToken);
        if (exit is not null)
        {
            return exit.Value;
        }

        using (answer)
        {
            print(answer!.RootElement, io.Output);
            return ExitCodes.Success;
        }
    }
}
