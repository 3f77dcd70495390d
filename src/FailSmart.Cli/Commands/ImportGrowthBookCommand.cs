using System.CommandLine;
using System.Text.Json;
using FailSmart.Protocol.Importing;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart import growthbook features.json`: a GrowthBook SDK payload as a FailSmart configuration
/// document. A feature FailSmart cannot serve identically is refused with the reason; then nothing is
/// written and the exit code is 1, unless --partial asks for the rest.
/// </summary>
internal static class ImportGrowthBookCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The SDK payload: {\"features\": {...}, \"savedGroups\": {...}}, as GrowthBook's SDK connection serves it." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the FailSmart configuration document.", DefaultValueFactory = _ => new FileInfo("failsmart.config.json") };
        var environment = new Option<string>("--environment") { Description = "The FailSmart environment the features' rules go to.", DefaultValueFactory = _ => "production" };
        var partial = new Option<bool>("--partial") { Description = "Write the features that can be imported even when others are refused." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("growthbook", "Turn a GrowthBook SDK payload into FailSmart flags, experiments and segments; refuses what FailSmart cannot serve identically.")
        {
            file, output, environment, partial, json,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            using JsonDocument? payload = ImportReportOutput.Read(parse.GetValue(file)!, error, out int exitCode);
            if (payload is null)
            {
                return exitCode;
            }

            ImportResult result = GrowthBookImporter.Import(payload.RootElement, parse.GetValue(environment)!);
            if (result.Problems.Count > 0)
            {
                result.Problems.ToList().ForEach(error.WriteLine);
                return ExitCodes.InvalidInput;
            }

            FileInfo target = parse.GetValue(output)!;
            bool refused = result.Features.Any(f => f.Status == ImportStatus.Refused);
            bool written = (!refused || parse.GetValue(partial)) && ImportReportOutput.Write(result, target, error);
            ImportReportOutput.Report(result, "GrowthBook", target, written, parse.GetValue(json), parse.InvocationConfiguration.Output);
            if (refused && !written)
            {
                error.WriteLine("Some features cannot be served identically by FailSmart (see the report); nothing was written. Change them in GrowthBook, or pass --partial to import the rest.");
            }

            return written ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
