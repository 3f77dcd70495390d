namespace FailSmart.Cli.Scanning;

/// <summary>A reference with its standing.</summary>
internal sealed record ClassifiedReference(FlagReference Reference, ReferenceStatus Status);
