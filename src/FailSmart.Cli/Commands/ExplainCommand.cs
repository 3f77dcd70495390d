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
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            FileInfo file = parse.GetValue(config)!;
            if (!file.Exists)
            {
                error.WriteLine($"The configuration file '{file.FullName}' does not exist.");
                return ExitCodes.Usage;
            }

            ConfigLoadResult loaded = ConfigDocument.Parse(File.ReadAllText(file.FullName));
            if (loaded.Configuration is null)
            {
                error.WriteLine($"The configuration file '{file.Name}' is not valid:");
                foreach (var problem in loaded.Problems)
                {
                    error.WriteLine($"  {problem.Path}: {problem.Message} {problem.Hint}");
                }

                return ExitCodes.InvalidInput;
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

            var evaluator = new Evaluator(loaded.Configuration, parse.GetValue(environment)!);
            EvaluationTrace trace = evaluator.Explain(parse.GetValue(flag)!, attributes);
            output.Write(parse.GetValue(json) ? EvaluationTraceJson.Serialize(trace) + Environment.NewLine : trace.ToText());
            return ExitCodes.Success;
        });
        return command;
    }
}
