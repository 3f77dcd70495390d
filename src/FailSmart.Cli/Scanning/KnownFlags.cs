namespace FailSmart.Cli.Scanning;

/// <summary>The flags FailSmart knows, each archived or not, and where the list came from (for the report).</summary>
internal sealed record KnownFlags(string SourceKind, string SourceLocation, IReadOnlyDictionary<string, bool> Archived);
