using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart experiment checklist|start|stop|new-phase`: launching experiments on a running server, through
/// `/api/v1/experiments/{key}/…`. Refusals print the server's ProblemDetails (each collision the guard names)
/// and exit 1; a checklist with a failed item exits 3, so a pipeline can stop before a launch.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var experiment = new Command("experiment", "Check, start, stop and re-phase experiments on a running FailSmart server.");
        experiment.Subcommands.Add(Checklist());
        experiment.Subcommands.Add(Act("start", "Set a draft experiment running (a stopped one starts again in its next phase).", collisions: true, phase: false));
        experiment.Subcommands.Add(Act("stop", "Stop an experiment, so it assigns nobody; its results stay readable.", collisions: false, phase: false));
        experiment.Subcommands.Add(Act("new-phase", "Begin the next phase of a running experiment, optionally with new weights or coverage.", collisions: true, phase: true));
        return experiment;
    }

    private static (Option<string> Server, Option<string> Key) Connection() =>
        (new Option<string>("--server") { Description = "The server's address, such as http://localhost:5080.", Required = true },
         new Option<string>("--key") { Description = "An admin key (fs_admin_…).", Required = true });

    private static Argument<string> Experiment() => new("EXPERIMENT") { Description = "The experiment key." };

    private static Command Checklist()
    {
        var (server, key) = Connection();
        Argument<string> experiment = Experiment();
        var environment = new Option<string>("--environment") { Description = "The environment to check.", DefaultValueFactory = _ => "production" };
        var command = new Command("checklist", "What to know before starting: phase, flag rule, collisions, metrics, hypothesis and plan. Exits 3 when an item failed.")
        {
            experiment, server, key, environment,
        };
        command.SetAction((parse, cancellationToken) => SendAsync(
            parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Get,
            $"/api/v1/experiments/{Uri.EscapeDataString(parse.GetValue(experiment)!)}/checklist?environment={Uri.EscapeDataString(parse.GetValue(environment)!)}",
            null, acknowledge: false, parse.InvocationConfiguration, WriteChecklist, cancellationToken));
        return command;
    }

    private static Command Act(string name, string description, bool collisions, bool phase)
    {
        var (server, key) = Connection();
        Argument<string> experiment = Experiment();
        var reason = new Option<string>("--reason") { Description = "Why; the audit log keeps it with the change.", Required = true };
        var acknowledge = new Option<bool>("--acknowledge-collisions") { Description = "Go ahead although the change lets trials share units (the reason says why)." };
        var weights = new Option<string?>("--weights") { Description = "New weights, one per variation in order, comma-separated (e.g. 0.3,0.7)." };
        var coverage = new Option<double?>("--coverage") { Description = "New coverage, the share of eligible units enrolled (0 to 1)." };
        var command = new Command(name, description) { experiment, server, key, reason };
        if (collisions)
        {
            command.Options.Add(acknowledge);
        }

        if (phase)
        {
            command.Options.Add(weights);
            command.Options.Add(coverage);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var body = new Dictionary<string, object?> { ["reason"] = parse.GetValue(reason) };
            if (phase && parse.GetValue(weights) is { } list)
            {
                var parsed = new List<double>();
                foreach (string part in list.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight))
                    {
                        parse.InvocationConfiguration.Error.WriteLine($"--weights: '{part}' is not a number; write weights such as 0.3,0.7.");
                        return Task.FromResult(ExitCodes.Usage);
                    }

                    parsed.Add(weight);
                }

                body["weights"] = parsed;
            }

            if (phase && parse.GetValue(coverage) is { } c)
            {
                body["coverage"] = c;
            }

            return SendAsync(parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Post,
                $"/api/v1/experiments/{Uri.EscapeDataString(parse.GetValue(experiment)!)}/{name}", JsonSerializer.Serialize(body),
                collisions && parse.GetValue(acknowledge), parse.InvocationConfiguration, WriteResource, cancellationToken);
        });
        return command;
    }

    private static async Task<int> SendAsync(
        string server, string key, HttpMethod method, string path, string? body, bool acknowledge, InvocationConfiguration io,
        Func<JsonElement, InvocationConfiguration, int> write, CancellationToken cancellationToken)
    {
        using AdminApiClient? client = AdminApiClient.Create(server, key, io.Error);
        if (client is null)
        {
            return ExitCodes.Usage;
        }

        (JsonDocument? answer, int? exit) = await client.SendAsync(
            method, path, body, io, cancellationToken, acknowledge ? new Dictionary<string, string> { ["X-Acknowledge-Collisions"] = "true" } : null);
        if (exit is not null)
        {
            return exit.Value;
        }

        using (answer)
        {
            return write(answer!.RootElement, io);
        }
    }

    private static int WriteChecklist(JsonElement checklist, InvocationConfiguration io)
    {
        IAnsiConsole console = CliConsole.Create(io.Output);
        console.WriteFullLine(
            $"Experiment {Text(checklist, "experiment")} in {Text(checklist, "environment")}: {Text(checklist, "status")}, phase {Text(checklist, "phase")}; checklist {Text(checklist, "outcome")}");
        JsonElement[] items = [.. checklist.GetProperty("items").EnumerateArray()];
        var table = new Table().AddColumns("Check", "State");
        foreach (JsonElement item in items)
        {
            table.AddRow(Markup.Escape(Text(item, "check")), Markup.Escape(Text(item, "state")));
        }

        console.Write(table);
        // Each check's sentence names trials, flags and rules: a whole line under the table, not wrapped inside a cell.
        foreach (JsonElement item in items)
        {
            console.WriteFullLine($"Why {Text(item, "check")} {Text(item, "state")}: {Text(item, "sentence")}");
        }

        return Text(checklist, "outcome") == "failed" ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static int WriteResource(JsonElement resource, InvocationConfiguration io)
    {
        if (resource.TryGetProperty("document", out JsonElement document))
        {
            io.Output.WriteLine($"Experiment {Text(resource, "key")}: {Text(document, "status")}, phase {(document.TryGetProperty("phase", out JsonElement p) ? p.ToString() : "1")} (version {Text(resource, "version")}).");
        }
        else
        {
            // 202: the environment requires approval; the change request says where it waits.
            io.Output.WriteLine($"Sent for approval: change request #{Text(resource, "id")}.");
        }

        return ExitCodes.Success;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";
}
