namespace FailSmart.Application.Results;

/// <summary>Which cohort to compare with which target population.</summary>
/// <param name="Experiment">The experiment key (a guarded rollout's arms are the experiment <c>rollout:{flag}:{rule}</c>).</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase; null for the current one.</param>
/// <param name="Metrics">Metric keys to reweight; null for the experiment's own metrics.</param>
/// <param name="Population">A stored population's key, or <see cref="AllExposures"/>.</param>
/// <param name="Attributes">The attributes to compare and reweight over; null for the population's own.</param>
/// <param name="From">For all-exposures: the window's start (default: 30 days before its end).</param>
/// <param name="To">For all-exposures: the window's end (default: now).</param>
public sealed record RepresentativenessQuery(
    string Experiment,
    string Environment = "production",
    int? Phase = null,
    IReadOnlyList<string>? Metrics = null,
    string? Population = null,
    IReadOnlyList<string>? Attributes = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    /// <summary>The target made of every unit exposed to anything in the environment in a window.</summary>
    public const string AllExposures = "all-exposures";
}
