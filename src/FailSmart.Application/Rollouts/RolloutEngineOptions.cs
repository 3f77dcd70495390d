namespace FailSmart.Application.Rollouts;

/// <summary>How the rollout engine runs (configuration section <c>Rollouts</c>).</summary>
public sealed class RolloutEngineOptions
{
    /// <summary>The actor the engine's own transitions are audited as.</summary>
    public const string Actor = "rollout-engine";

    /// <summary>The name of the lease whose holder is the one replica that looks.</summary>
    public const string LeaseName = "rollout-engine";

    /// <summary>How often the leader looks at every guarded rollout.</summary>
    public TimeSpan LookInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long leadership lasts without a renewal; another replica takes over after it. Three looks by default.</summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>This replica's name in the lease; a new id per process by default.</summary>
    public string Holder { get; set; } = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>For kill tests only: the engine waits a random time up to this between reading and committing a transition.</summary>
    public TimeSpan TestCommitPause { get; set; }

    /// <summary>The lease duration in effect.</summary>
    public TimeSpan EffectiveLeaseDuration => LeaseDuration ?? LookInterval * 3;
}
