namespace FailSmart.Cli.Commands;

/// <summary>Exit codes: 0 success, 1 the work found a problem (invalid or unreadable input, a failure), 2 wrong usage (options).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    /// <summary>
    /// The command worked and found what it exists to stop on, for scripts and CI: collisions
    /// (`failsmart explain collisions`), a red check (`failsmart analyze`, unless --allow-red-checks), or what
    /// `failsmart scan --fail-on` names (references to archived or unknown flags, unreferenced flags).
    /// </summary>
    public const int Findings = 3;

    /// <summary>`failsmart analyze` ran, but a check is red: no metric may be trusted (unless --allow-red-checks).</summary>
    public const int RedCheck = Findings;
}
