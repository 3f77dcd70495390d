using System.CommandLine;

namespace FailSmart.Cli.Commands;

/// <summary>The options of `failsmart config apply` beyond the file and the connection.</summary>
internal sealed record ConfigApplyOptions(
    Option<bool> DryRun, Option<bool> ArchiveMissing, Option<string?> Reason, Option<bool> Json, Option<bool> DetailedExitCode,
    Option<bool> AcknowledgeCollisions, Option<bool> ConfirmArchive)
{
    public ConfigApplySettings Read(ParseResult parse) => new(
        parse.GetValue(DryRun), parse.GetValue(ArchiveMissing), parse.GetValue(Reason), parse.GetValue(Json), parse.GetValue(DetailedExitCode),
        parse.GetValue(AcknowledgeCollisions), parse.GetValue(ConfirmArchive));
}

