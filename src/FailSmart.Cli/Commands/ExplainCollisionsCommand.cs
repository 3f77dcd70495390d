using System.CommandLine;
using System.Text.Json;
using FailSmart.Application.Collisions;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart explain collisions`: which running trials in a configuration file can reach the same units,
/// the same check the server makes before a change (and answers at GET /api/v1/collisions).
/// </summary>
internal static class ExplainCollisionsCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "A configuration file in FailSmart's format (docs/configuration.md).", Required = true };
        var environment = new Option<string>("--environment") { Description = "The environment to check.", DefaultValueFactory = _ => "production" };
        var trial = new Option<string?>("--trial") { Description = "Only this trial's collisions: an experiment key, or a guarded rollout's key rollout:<flag>:<rule>." };
        var json = new Option<bool>("--json") { Description = "Print the collisions as JSON." };
        var command = new Command("collisions", $"List running experiments, guarded rollouts and holdouts that can reach the same units, and what would separate them. Exits {ExitCodes.Findings} when there are any.")
        {
            config, environment, trial, json,
        };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            if (ConfigFile.Load(parse.GetValue(config)!, parse.InvocationConfiguration.Error, out ConfigLoadResult? loaded) is { } failed)
            {
                return failed;
            }

            string env = parse.GetValue(environment)!;
            string? only = parse.GetValue(trial);
            IReadOnlyList<Collision> found = only is null
                ? CollisionFinder.Find(loaded!.Configuration!, env)
                : CollisionFinder.Find(loaded!.Configuration!, env, only);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(found, s_json));
            }
            else
            {
                Write(output, env, found);
            }

            return found.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static void Write(TextWriter output, string environment, IReadOnlyList<Collision> found)
    {
        if (found.Count == 0)
        {
            output.WriteLine($"No collisions in {environment}: no two running trials can reach the same units.");
            return;
        }

        output.WriteLine($"{found.Count} collision{(found.Count == 1 ? "" : "s")} in {environment}:");
        foreach (Collision c in found)
        {
            output.WriteLine($"- {c.Trial} and {c.OtherKind} {c.Other} (by '{c.Attribute}')");
            output.WriteLine($"    {c.Why}");
            output.WriteLine($"    To separate: {c.Separate}");
        }
    }
}
