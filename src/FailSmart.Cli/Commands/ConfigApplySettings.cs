namespace FailSmart.Cli.Commands;

/// <summary>What `failsmart config apply` was asked to do.</summary>
internal sealed record ConfigApplySettings(
    bool DryRun, bool ArchiveMissing, string? Reason, bool Json, bool DetailedExitCode, bool AcknowledgeCollisions, bool ConfirmArchive);
