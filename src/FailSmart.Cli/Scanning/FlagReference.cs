namespace FailSmart.Cli.Scanning;

/// <summary>A flag key written as a string literal in source: the file relative to the scanned folder (forward slashes), 1-based line and column of the key's first character.</summary>
internal sealed record FlagReference(string Key, string File, int Line, int Column);
