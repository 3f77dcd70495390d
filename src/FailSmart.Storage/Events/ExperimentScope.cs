namespace FailSmart.Storage.Events;

/// <summary>One phase of one experiment, analysed as of a moment.</summary>
/// <param name="Environment">The environment key.</param>
/// <param name="ExperimentKey">The experiment.</param>
/// <param name="Phase">The phase; units are never compared across phases.</param>
/// <param name="AsOf">
/// Exposures and events after this moment are ignored, so a result can be reproduced later; retention
/// counts only units whose day N ended by then.
/// </param>
public sealed record ExperimentScope(string Environment, string ExperimentKey, int Phase, DateTimeOffset AsOf)
{
    /// <summary>The audit's default reach before the phase's first exposure.</summary>
    public static readonly TimeSpan DefaultOverlapLookback = TimeSpan.FromDays(90);

    /// <summary>
    /// How far before this phase's first exposure the cross-experiment audit looks for other experiments.
    /// SDKs send one exposure per unit, experiment and phase, so a cohort enrolled in another trial
    /// before this one began shows up only in exposures older than this phase.
    /// </summary>
    public TimeSpan OverlapLookback { get; init; } = DefaultOverlapLookback;
}
