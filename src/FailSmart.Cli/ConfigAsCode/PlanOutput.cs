using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Audit;
using FailSmart.Cli.Commands;
using Spectre.Console;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// The plan and what became of it: a table with a summary for people, or one JSON object for scripts
/// (<c>--json</c>). Unchanged resources are counted, not listed, so a plan with nothing to do is one line.
/// </summary>
internal static class PlanOutput
{
    private const int ShownChanges = 6;
    private const int ValueWidth = 48;

    public static void WriteTable(IReadOnlyList<StepOutcome> outcomes, ApplyReport report, TextWriter output)
    {
        IAnsiConsole console = CliConsole.Create(output);
        StepOutcome[] listed = [.. outcomes.Where(o => o.Step.Action is not PlanAction.Unchanged)];
        if (listed.Length > 0)
        {
            var table = new Table().AddColumns("Action", "Resource", "Changes", "Result");
            foreach (StepOutcome outcome in listed)
            {
                table.AddRow(
                    Markup.Escape(outcome.Step.Verb),
                    Markup.Escape(outcome.Step.Ref.ToString()),
                    Markup.Escape(ChangesText(outcome.Step)),
                    Markup.Escape(Result(outcome, report.Server)));
            }

            console.Write(table);
        }

        console.WriteFullLine(report.Summary(outcomes));
    }

    public static void WriteJson(IReadOnlyList<StepOutcome> outcomes, ApplyReport report, TextWriter output)
    {
        var steps = new JsonArray();
        foreach (StepOutcome outcome in outcomes)
        {
            var step = new JsonObject
            {
                ["action"] = outcome.Step.Verb,
                ["kind"] = ConfigSections.Singular(outcome.Step.Ref.Section),
                ["key"] = outcome.Step.Ref.Key,
                ["version"] = outcome.Step.Version,
                ["status"] = outcome.Step.IsChange ? Status(outcome.Status) : "none",
                ["changes"] = new JsonArray([.. outcome.Step.Changes.Select(c => (JsonNode)new JsonObject
                {
                    ["path"] = c.Path,
                    ["before"] = c.Before is null ? null : JsonNode.Parse(c.Before),
                    ["after"] = c.After is null ? null : JsonNode.Parse(c.After),
                })]),
            };
            if (outcome.ChangeRequest is { } id)
            {
                step["changeRequest"] = new JsonObject { ["id"] = id, ["url"] = ChangeRequestUrl(report.Server, id) };
            }

            if (outcome.Refusal is { } refusal)
            {
                step["refusal"] = new JsonObject { ["status"] = refusal.Status, ["problem"] = refusal.Json() is { } problem ? JsonNode.Parse(problem.RootElement.GetRawText()) : refusal.Body };
            }

            steps.Add(step);
        }

        var counts = new JsonObject();
        foreach (PlanAction action in Enum.GetValues<PlanAction>())
        {
            counts[new PlanStep(action, default, null, [], null).Verb] = outcomes.Count(o => o.Step.Action == action);
        }

        var root = new JsonObject
        {
            ["file"] = report.File,
            ["server"] = report.Server.ToString(),
            ["dryRun"] = report.DryRun,
            ["outcome"] = report.Outcome(outcomes),
            ["counts"] = counts,
            ["steps"] = steps,
        };
        output.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>The web page of a change request, where someone else approves it.</summary>
    public static string ChangeRequestUrl(Uri server, long id) => new Uri(server, "/change-requests/" + id.ToString(CultureInfo.InvariantCulture)).ToString();

    private static string ChangesText(PlanStep step)
    {
        if (step.Action == PlanAction.KeptArchived)
        {
            return "archived on the server; write \"archived\": false in the file to bring it back";
        }

        if (step.Action == PlanAction.NotInFile)
        {
            return "on the server, not in the file; kept (--archive-missing archives it)";
        }

        if (step.Changes.Count == 0)
        {
            return step.Action == PlanAction.Create ? "new" : "";
        }

        var text = new StringBuilder();
        foreach (DiffLine change in step.Changes.Take(ShownChanges))
        {
            text.Append(change.Path.StartsWith("$.", StringComparison.Ordinal) ? change.Path[2..] : change.Path)
                .Append(": ").Append(Short(change.Before)).Append(" -> ").Append(Short(change.After)).Append('\n');
        }

        if (step.Changes.Count > ShownChanges)
        {
            text.Append(CultureInfo.InvariantCulture, $"and {step.Changes.Count - ShownChanges} more\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Short(string? json) =>
        json is null ? "(none)" : json.Length <= ValueWidth ? json : json[..(ValueWidth - 3)] + "...";

    private static string Result(StepOutcome outcome, Uri server) => outcome.Status switch
    {
        StepStatus.Applied => "done",
        StepStatus.PendingApproval => $"waiting for approval: change request #{outcome.ChangeRequest} {ChangeRequestUrl(server, outcome.ChangeRequest ?? 0)}",
        StepStatus.AlreadyPending => $"already waiting for approval: change request #{outcome.ChangeRequest} {ChangeRequestUrl(server, outcome.ChangeRequest ?? 0)}",
        StepStatus.Waiting => "not tried: it refers to a change waiting for approval",
        StepStatus.Failed => outcome.Refusal?.Status == 412 ? "refused: changed on the server since the plan read it" : $"refused ({outcome.Refusal?.Status})",
        StepStatus.NotTried => "not tried",
        _ => "",
    };

    private static string Status(StepStatus status) => status switch
    {
        StepStatus.Planned => "planned",
        StepStatus.Applied => "applied",
        StepStatus.PendingApproval => "pending-approval",
        StepStatus.AlreadyPending => "already-pending",
        StepStatus.Waiting => "waiting",
        StepStatus.Failed => "failed",
        _ => "not-tried",
    };
}
