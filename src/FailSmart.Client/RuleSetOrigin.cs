namespace FailSmart.Client;

/// <summary>Where the rule set the client evaluates with came from.</summary>
public enum RuleSetOrigin
{
    /// <summary>No rule set: evaluations return the caller's defaults.</summary>
    None,

    /// <summary>Downloaded from the FailSmart server.</summary>
    Server,

    /// <summary>The last good rule set, saved on disk by an earlier run.</summary>
    DiskCache,

    /// <summary>The bootstrap file shipped with the application.</summary>
    Bootstrap,

    /// <summary>Given in code (offline and in-memory clients).</summary>
    Local,
}
