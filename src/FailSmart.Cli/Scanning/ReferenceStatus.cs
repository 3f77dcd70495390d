namespace FailSmart.Cli.Scanning;

/// <summary>How a reference stands against the known flags.</summary>
internal enum ReferenceStatus
{
    Active,
    Archived,
    Unknown,
}
