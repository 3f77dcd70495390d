namespace FailSmart.Client;

/// <summary>The client's state, as OpenFeature defines provider states.</summary>
public enum ClientState
{
    /// <summary>Initialisation has not finished: evaluations return the rule set loaded so far, or the caller's default.</summary>
    NotReady,

    /// <summary>The rule set is the server's current one.</summary>
    Ready,

    /// <summary>Evaluations use a rule set that may be out of date (the server is unreachable, or it came from the disk cache or a bootstrap file).</summary>
    Stale,

    /// <summary>No rule set could be loaded: evaluations return the caller's defaults. <see cref="IFailSmartClient.StateReason"/> says why.</summary>
    Error,
}
