using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>How results are computed and kept (<c>Results</c>).</summary>
internal sealed class ResultsOptions
{
    public const string SectionName = "Results";

    /// <summary>The time between refreshes; zero turns the background refresh off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far before a phase's first exposure the cross-experiment audit looks for other experiments and
    /// guarded rollouts that enrolled the same units (90 days by default).
    /// </summary>
    public TimeSpan DependencyLookback { get; set; } = ExperimentScope.DefaultOverlapLookback;
}
