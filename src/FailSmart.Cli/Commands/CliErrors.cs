namespace FailSmart.Cli.Commands;

/// <summary>Exit codes: 0 success, 1 the work found a problem (invalid or unreadable input, a failure), 2 wrong usage (options).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    /// <summary>The command worked and found what it looks for (collisions, say), for scripts and CI to stop on.</summary>
    public const int Findings = 3;
}
