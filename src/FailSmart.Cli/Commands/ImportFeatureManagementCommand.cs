using System.CommandLine;
using System.Text.Json;
using FailSmart.Protocol.Importing;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart import feature-management appsettings.json`: Microsoft.FeatureManagement's feature
/// definitions as a FailSmart configuration document, with a report of what each feature became.
/// Exits 0 unless the file cannot be read, or --strict is given and a feature is not exact (3).
/// </summary>
internal static class ImportFeatureManagementCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The appsettings.json that holds the \"FeatureManagement\" section (or \"feature_management\": {\"feature_flags\": [...]})." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the FailSmart configuration document.", DefaultValueFactory = _ => new FileInfo("failsmart.config.json") };
        var environment = new Option<string>("--environment") { Description = "The FailSmart environment the features' state goes to.", DefaultValueFactory = _ => "production" };
        var strict = new Option<bool>("--strict") { Description = "Exit with 3 when any feature is not imported exactly (a note or something not expressed)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("feature-management", "Turn Microsoft.FeatureManagement's feature definitions into FailSmart flags; users keep their assignment.")
        {
            file, output, environment, strict, json,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            using JsonDocument? settings = ImportReportOutput.Read(parse.GetValue(file)!, error, out int exitCode);
            if (settings is null)
            {
                return exitCode;
            }

            ImportResult result = FeatureManagementImporter.Import(settings.RootElement, parse.GetValue(environment)!, TimeProvider.System.GetUtcNow());
            if (result.Problems.Count > 0)
            {
                result.Problems.ToList().ForEach(error.WriteLine);
                return ExitCodes.InvalidInput;
            }

            FileInfo target = parse.GetValue(output)!;
            bool written = ImportReportOutput.Write(result, target, error);
            ImportReportOutput.Report(result, "Microsoft.FeatureManagement", target, written, parse.GetValue(json), parse.InvocationConfiguration.Output);
            if (!written)
            {
                return ExitCodes.InvalidInput;
            }

            return parse.GetValue(strict) && !result.IsExact ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }
}
