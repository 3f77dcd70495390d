using System.CommandLine;
using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Evaluation;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart explain`: how a flag's value was chosen for a context, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "A configuration file in FailSmart's format (docs/configuration.md).", Required = true };
        var flag = new Option<string>("--flag") { Description = "The flag key.", Required = true };
        var context = new Option<string>("--context") { Description = "The unit's attributes as a JSON object, e.g. '{\"id\":\"u-1\",\"country\":\"SE\"}'.", DefaultValueFactory = _ => "{}" };
        var environment = new Option<string>("--environment") { Description = "The environment to evaluate in.", DefaultValueFactory = _ => "production" };
        var json = new Option<bool>("--json") { Description = "Print the trace as JSON." };
        var command = new Command("explain", "Show how a flag's value is chosen for a context: rules tried, condition results, the bucket and its range.")
        {
            config, flag, context, environment, json,
        };
        command.Subcommands.Add(ExplainCollisionsCommand.Create());
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            FileInfo file = parse.GetValue(config)!;
            if (ConfigFile.Load(file, error, out ConfigLoadResult? loaded) is { } failed)
            {
                return failed;
            }

            Attributes attributes;
            try
            {
                attributes = Attributes.Parse(parse.GetValue(context)!);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                error.WriteLine($"--context must be a JSON object of attributes, such as '{{\"id\":\"u-1\"}}': {ex.Message}");
                return ExitCodes.Usage;
            }

            string flagKey = parse.GetValue(flag)!;
            if (!loaded!.Configuration!.Flags.Any(f => f.Key == flagKey))
            {
                string known = string.Join(", ", loaded.Configuration.Flags.Select(f => f.Key).Order(StringComparer.Ordinal).Take(20));
                error.WriteLine($"--flag '{flagKey}' is not in '{file.Name}'; its flags are: {(known.Length == 0 ? "(none)" : known)}.");
                return ExitCodes.InvalidInput;
            }

            var evaluator = new Evaluator(loaded.Configuration, parse.GetValue(environment)!);
            EvaluationTrace trace = evaluator.Explain(flagKey, attributes);
            output.Write(parse.GetValue(json) ? EvaluationTraceJson.Serialize(trace) + Environment.NewLine : trace.ToText());
            if (trace.Result.IsError)
            {
                // The trace above shows where evaluation stopped; the exit code and this line say that it did.
                error.WriteLine($"Evaluation of '{flagKey}' failed ({trace.Result.ErrorCode}): {trace.Result.ErrorMessage}");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
