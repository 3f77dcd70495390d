namespace FailSmart.Cli.Scanning;

/// <summary>What makes `failsmart scan` exit 3 (findings): references to archived flags, to unknown flags, or flags nobody references.</summary>
[Flags]
internal enum ScanFailOn
{
    None = 0,
    Archived = 1,
    Unknown = 2,
    Unreferenced = 4,
}
