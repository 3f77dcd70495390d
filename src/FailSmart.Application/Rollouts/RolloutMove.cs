namespace FailSmart.Application.Rollouts;

/// <summary>What the policy tells the engine to do after a look.</summary>
public enum RolloutMove
{
    /// <summary>Keep serving the current stage.</summary>
    Stay,

    /// <summary>Enter the next stage.</summary>
    Advance,

    /// <summary>Ready for the next stage, which needs a person's approval first.</summary>
    AwaitApproval,

    /// <summary>The stage passed its maximum time without what it needs: stop climbing until someone resumes.</summary>
    Pause,

    /// <summary>Harm shown or a check red: stop serving the feature now.</summary>
    RollBack,

    /// <summary>The last stage held for its minimum time without harm: the rollout is done (the holdback stays).</summary>
    Complete,
}
