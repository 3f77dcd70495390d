using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>How results are computed and kept (<c>Results</c>).</summary>
internal sealed class ResultsOptions
{
    public const string SectionName = "Results";

    /// <summary>The lease whose holder is the one replica that refreshes results on a schedule.</summary>
    public const string LeaseName = "results-refresher";

    /// <summary>The time between refreshes; zero turns the background refresh off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the refreshing replica's lease lasts without renewal; another replica takes over after it.
    /// Three refresh intervals when not set.
    /// </summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>
    /// How long a stored result nobody refreshed or asked for again is kept (30 days by default); the leader
    /// deletes older ones, and asking again computes them anew.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a replica that finds a stored timeline out of date, while another replica computes it, waits for
    /// that one before serving the stored timeline as it is (its <c>computedAt</c> says how old): 30 seconds.
    /// </summary>
    public TimeSpan TimelineWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease duration in effect.</summary>
    public TimeSpan EffectiveLeaseDuration => LeaseDuration ?? RefreshInterval * 3;

    /// <summary>
    /// How far before a phase's first exposure the cross-experiment audit looks for other experiments and
    /// guarded rollouts that enrolled the same units (90 days by default).
    /// </summary>
    public TimeSpan DependencyLookback { get; set; } = ExperimentScope.DefaultOverlapLookback;
}
