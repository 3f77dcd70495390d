using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart rollout list|show|representativeness|pause|resume|skip|rollback|approve|end-holdback`: guarded rollouts on a running
/// server, through `/api/v1/rollouts`. Refusals print the server's ProblemDetails and exit 1.
/// </summary>
internal static class RolloutCommand
{
    private static readonly (string Name, string Description)[] s_commands =
    [
        ("pause", "Stop the rollout climbing; the stage keeps serving."),
        ("resume", "Let a paused rollout climb again."),
        ("skip", "Enter the next stage now."),
        ("rollback", "Stop serving the feature; the holdback stays."),
        ("approve", "Approve entering the next stage."),
        ("end-holdback", "After completion: remove the plan so the holdback gets the feature too."),
    ];

    public static Command Create()
    {
        var rollout = new Command("rollout", "Watch and steer guarded rollouts on a running FailSmart server.");
        rollout.Subcommands.Add(List());
        rollout.Subcommands.Add(Show());
        rollout.Subcommands.Add(Representativeness());
        foreach ((string name, string description) in s_commands)
        {
            rollout.Subcommands.Add(Act(name, description));
        }

        return rollout;
    }

    private static (Option<string> Server, Option<string> Key) Connection() =>
        (new Option<string>("--server") { Description = "The server's address, such as http://localhost:5080.", Required = true },
         new Option<string>("--key") { Description = "An admin key (fs_admin_…).", Required = true });

    private static Argument<string> Rollout() =>
        new("ROLLOUT") { Description = "The rollout as environment/flag/rule, such as production/checkout/ramp." };

    private static Command List()
    {
        var (server, key) = Connection();
        var environment = new Option<string?>("--environment") { Description = "Only rollouts in this environment." };
        var status = new Option<string?>("--status") { Description = "Only rollouts in this status (running, awaiting-approval, paused, rolled-back, completed, holdback-ended)." };
        var command = new Command("list", "Every guarded rollout: flag, rule, environment, stage, status and last reason.") { server, key, environment, status };
        command.SetAction((parse, cancellationToken) =>
        {
            string query = string.Join("&", new[] { ("environment", parse.GetValue(environment)), ("status", parse.GetValue(status)) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            return SendAsync(parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Get, "/api/v1/rollouts" + (query.Length > 0 ? "?" + query : ""), null,
                parse.InvocationConfiguration, (json, io) => WriteList(json, io), cancellationToken);
        });
        return command;
    }

    private static Command Show()
    {
        var (server, key) = Connection();
        Argument<string> rollout = Rollout();
        var command = new Command("show", "One rollout: its stage ladder, last gate readings, units per arm and history.") { rollout, server, key };
        command.SetAction((parse, cancellationToken) => Path(parse.GetValue(rollout)!, parse.InvocationConfiguration) is { } path
            ? SendAsync(parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Get, path, null, parse.InvocationConfiguration, WriteOne, cancellationToken)
            : Task.FromResult(ExitCodes.Usage));
        return command;
    }

    private static Command Representativeness()
    {
        var (server, key) = Connection();
        Argument<string> rollout = Rollout();
        var target = new Option<string>("--target") { Description = "The target population: a stored population's key (failsmart population list), or all-exposures.", Required = true };
        var by = new Option<string?>("--by") { Description = "The attributes to compare and reweight over, comma-separated (default: every attribute of the population; required for all-exposures)." };
        var metrics = new Option<string?>("--metrics") { Description = "Metric keys to reweight, comma-separated (default: the rollout's guardrails)." };
        var phase = new Option<string?>("--phase") { Description = "The analysis phase (default: the current stage's)." };
        var from = new Option<string?>("--from") { Description = "With all-exposures: the window's start, ISO 8601 (default: 30 days before its end)." };
        var to = new Option<string?>("--to") { Description = "With all-exposures: the window's end, ISO 8601 (default: now)." };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON instead of tables." };
        var command = new Command("representativeness",
            "Whether the rollout's cohort looks like a target population: the mix per attribute, each guardrail's effect reweighted to the target, and whether it may not carry over.")
            { rollout, server, key, target, by, metrics, phase, from, to, json };
        command.SetAction((parse, cancellationToken) =>
        {
            if (Path(parse.GetValue(rollout)!, parse.InvocationConfiguration) is not { } path)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            string query = string.Join("&", new[]
                {
                    ("population", parse.GetValue(target)), ("attributes", parse.GetValue(by)), ("metrics", parse.GetValue(metrics)),
                    ("phase", parse.GetValue(phase)), ("from", parse.GetValue(from)), ("to", parse.GetValue(to)),
                }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            bool asJson = parse.GetValue(json);
            return SendAsync(parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Get, $"{path}/representativeness?{query}", null, parse.InvocationConfiguration,
                (answer, io) => WriteRepresentativeness(answer, io, asJson), cancellationToken);
        });
        return command;
    }

    private static void WriteRepresentativeness(JsonElement answer, InvocationConfiguration io, bool json)
    {
        if (json)
        {
            io.Output.WriteLine(JsonSerializer.Serialize(answer, AnalyzeOutput.JsonOptions));
            return;
        }

        RepresentativenessResponse result = answer.Deserialize<RepresentativenessResponse>(AnalyzeOutput.JsonOptions)!;
        // What the target says comes first, as an experiment's verdict carries it: a cohort unlike the market is not a footnote.
        if (RepresentativenessVerdict.Caveat(result) is { } caveat)
        {
            io.Output.WriteLine($"Not the launch market. {caveat}");
        }

        RepresentativenessOutput.WriteTables(io.Output, result);
    }

    private static Command Act(string name, string description)
    {
        var (server, key) = Connection();
        Argument<string> rollout = Rollout();
        var reason = new Option<string>("--reason") { Description = "Why; the audit log and webhooks carry it.", Required = true };
        var command = new Command(name, description) { rollout, server, key, reason };
        command.SetAction((parse, cancellationToken) => Path(parse.GetValue(rollout)!, parse.InvocationConfiguration) is { } path
            ? SendAsync(parse.GetValue(server)!, parse.GetValue(key)!, HttpMethod.Post, path + "/" + name,
                JsonSerializer.Serialize(new Dictionary<string, string?> { ["reason"] = parse.GetValue(reason) }), parse.InvocationConfiguration, WriteOne, cancellationToken)
            : Task.FromResult(ExitCodes.Usage));
        return command;
    }

    private static string? Path(string rollout, InvocationConfiguration io)
    {
        string[] parts = rollout.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            io.Error.WriteLine($"'{rollout}' is not a rollout. Write environment/flag/rule, such as production/checkout/ramp.");
            return null;
        }

        return "/api/v1/rollouts/" + string.Join("/", parts.Select(Uri.EscapeDataString));
    }

    private static async Task<int> SendAsync(
        string server, string key, HttpMethod method, string path, string? body, InvocationConfiguration io, Action<JsonElement, InvocationConfiguration> write,
        CancellationToken cancellationToken)
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
            write(answer!.RootElement, io);
            return ExitCodes.Success;
        }
    }

    private static void WriteList(JsonElement rollouts, InvocationConfiguration io)
    {
        if (rollouts.GetArrayLength() == 0)
        {
            io.Output.WriteLine("No guarded rollouts.");
            return;
        }

        IAnsiConsole console = CliConsole.Create(io.Output);
        var table = new Table().AddColumns("Flag", "Rule", "Environment", "Stage", "Status");
        foreach (JsonElement r in rollouts.EnumerateArray())
        {
            table.AddRow(Markup.Escape(Text(r, "flag")), Markup.Escape(Text(r, "rule")), Markup.Escape(Text(r, "environment")),
                Markup.Escape(StageText(r)), Text(r, "status"));
        }

        console.Write(table);
        // A reason is a sentence with readings in it: a whole line under the table, not wrapped inside a cell.
        foreach (JsonElement r in rollouts.EnumerateArray().Where(r => Text(r, "lastReason") != "-"))
        {
            console.WriteFullLine($"Last reason for {Name(r)}: {Text(r, "lastReason")}");
        }
    }

    private static void WriteOne(JsonElement r, InvocationConfiguration io)
    {
        IAnsiConsole console = CliConsole.Create(io.Output);
        console.WriteFullLine($"{Name(r)}: {Text(r, "status")}, stage {StageText(r)}");
        console.WriteFullLine($"Last: {Text(r, "lastMove")}: {Text(r, "lastReason")}");
        if (r.TryGetProperty("stages", out JsonElement stages) && stages.ValueKind == JsonValueKind.Array)
        {
            var ladder = new Table().AddColumns("Stage", "Percentage", "Min time", "Min units", "Approval", "Entered");
            foreach (JsonElement s in stages.EnumerateArray())
            {
                ladder.AddRow(Number(s, "stage"), Number(s, "percentage") + "%", Text(s, "minDuration"), Number(s, "minUnits"),
                    s.GetProperty("requiresApproval").GetBoolean() ? "yes" : "", Text(s, "enteredAt"));
            }

            console.Write(ladder);
        }

        if (r.TryGetProperty("units", out JsonElement units) && units.ValueKind == JsonValueKind.Object)
        {
            console.WriteFullLine($"Units: {Number(units, "in")} in, {Number(units, "notYet")} not yet, {Number(units, "holdback")} held back; sample-ratio p {Number(r, "sampleRatioP")}");
        }

        if (r.TryGetProperty("gates", out JsonElement gates) && gates.ValueKind == JsonValueKind.Array && gates.GetArrayLength() > 0)
        {
            var table = new Table().AddColumns("Guardrail", "Estimate", "Interval", "Harm shown", "Non-inferior");
            foreach (JsonElement g in gates.EnumerateArray())
            {
                table.AddRow(Markup.Escape(Text(g, "metric")), Percent(g, "estimate"), $"[{Percent(g, "lower")}, {Percent(g, "upper")}]",
                    g.GetProperty("harmShown").GetBoolean() ? "yes" : "no", g.GetProperty("nonInferiorityShown").GetBoolean() ? "yes" : "no");
            }

            console.Write(table);
        }

        if (r.TryGetProperty("history", out JsonElement history) && history.ValueKind == JsonValueKind.Array)
        {
            // One line per entry, its reason whole: a reason is a sentence, too long for a cell.
            console.WriteFullLine("History:");
            foreach (JsonElement e in history.EnumerateArray())
            {
                console.WriteFullLine($"  {Text(e, "at")} {Text(e, "actor")} {Text(e, "action")}: {Text(e, "reason")}");
            }
        }
    }

    private static string Name(JsonElement r) => $"{Text(r, "environment")}/{Text(r, "flag")}/{Text(r, "rule")}";

    private static string StageText(JsonElement r) =>
        r.GetProperty("stagePercentage").ValueKind == JsonValueKind.Number
            ? $"{Number(r, "stage")} of {Number(r, "stageCount")} ({Number(r, "stagePercentage")}% of {(100 - r.GetProperty("holdbackPercentage").GetDouble()).ToString("0.##", CultureInfo.InvariantCulture)}%)"
            : "-";

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";

    private static string Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture)
            : "-";

    private static string Percent(JsonElement element, string name) =>
        element.GetProperty(name).GetDouble().ToString("+0.##%;-0.##%;0%", CultureInfo.InvariantCulture);
}
