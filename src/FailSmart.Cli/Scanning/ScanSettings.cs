namespace FailSmart.Cli.Scanning;

/// <summary>What to scan: the built-in patterns plus the user's, and which files (include and exclude globs).</summary>
internal sealed record ScanSettings(IReadOnlyList<ScanPattern> CustomPatterns, ScanGlobs Include, ScanGlobs Exclude)
{
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Folders never entered: build output, dependencies and version control.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { "bin", "obj", "node_modules", ".git" };
}
