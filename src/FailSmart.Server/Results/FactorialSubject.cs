namespace FailSmart.Server.Results;

/// <summary>What the analysis needs to know about a factorial launch.</summary>
/// <param name="Features">The features (flag keys) in the launch's order; variation keys are cell keys in this order.</param>
/// <param name="MinimumEffects">The relative minimum effect the launch names for a metric, by metric key (its primary metric's).</param>
internal sealed record FactorialSubject(IReadOnlyList<string> Features, IReadOnlyDictionary<string, double>? MinimumEffects = null)
{
    /// <summary>The relative effect planned for when the launch names none.</summary>
    public const double AssumedMinimumEffect = 0.02;
}
