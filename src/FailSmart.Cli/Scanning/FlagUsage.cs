namespace FailSmart.Cli.Scanning;

/// <summary>One known flag and how many references name it.</summary>
internal sealed record FlagUsage(string Key, bool Archived, int References);
