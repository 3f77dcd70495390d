namespace FailSmart.Server.Rollouts;

/// <summary>The <c>Rollouts</c> configuration section, bound onto the engine's options.</summary>
internal sealed class RolloutHostingOptions
{
    public const string SectionName = "Rollouts";

    /// <summary>How often the leader looks (default one minute).</summary>
    public TimeSpan? LookInterval { get; set; }

    /// <summary>How long leadership lasts without renewal (default three looks).</summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>This replica's name in the lease (default: machine name and a random suffix).</summary>
    public string? Holder { get; set; }

    /// <summary>For tests and demos: the rollouts' clock.</summary>
    public ClockOptions Clock { get; set; } = new();

    /// <summary>For kill tests only: the longest random pause between reading and committing a transition.</summary>
    public TimeSpan TestCommitPause { get; set; }

    internal sealed class ClockOptions
    {
        /// <summary>How many times faster than real time rollouts' clock runs; 1 (the default) is real time.</summary>
        public double Speed { get; set; } = 1;

        /// <summary>The real moment the fast clock counts from, so it reads alike after a restart; the process start by default.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>What the clock reads at <see cref="Since"/>; <see cref="Since"/> itself by default.</summary>
        public DateTimeOffset? Start { get; set; }
    }
}
