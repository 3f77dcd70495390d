namespace FailSmart.Cli.ConfigAsCode;

/// <summary>What the plan does with one resource. The first four change the server; the others are listed so the plan accounts for everything.</summary>
internal enum PlanAction
{
    Create,
    Update,
    Unarchive,
    Archive,
    Unchanged,

    /// <summary>Archived on the server and in the file without "archived": false, so it stays archived.</summary>
    KeptArchived,

    /// <summary>On the server, not in the file, and no --archive-missing: left as it is.</summary>
    NotInFile,
}
