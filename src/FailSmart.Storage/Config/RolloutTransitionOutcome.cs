namespace FailSmart.Storage.Config;

/// <summary>What happened to a rollout transition. Expected outcomes are values, not exceptions.</summary>
public enum RolloutTransitionStatus
{
    /// <summary>State, flag, audit entry and revision were committed together.</summary>
    Committed,

    /// <summary>The state's version moved since it was read (another look or a person): read again.</summary>
    StateChanged,

    /// <summary>The flag's version moved since it was read, or it is gone or archived: read again.</summary>
    FlagChanged,

    /// <summary>Another change was committed after the revision the flag was validated at: validate again.</summary>
    ConfigurationChanged,
}

/// <summary>The result of a transition: the status and, when committed, the stored state and the new revision.</summary>
public sealed record RolloutTransitionOutcome(RolloutTransitionStatus Status, RolloutState? State, long Revision);
