namespace FailSmart.Application.Features;

/// <summary>What a phase decision does to a feature.</summary>
public enum FeatureDecisionKind
{
    /// <summary>Go on to the next phase (Think → Build → Ship → Tweak → Maintain).</summary>
    Advance,

    /// <summary>Stay in the phase and go round again; recorded so the team sees how often it did.</summary>
    Iterate,

    /// <summary>Stop the feature, from any phase. Stopped is final unless an administrator restarts it.</summary>
    Stop,

    /// <summary>An administrator brings a stopped feature back to the phase it was stopped in, with a reason.</summary>
    Restart,
}
