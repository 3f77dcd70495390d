namespace FailSmart.Core.Model;

/// <summary>
/// What a team believes and how it will know: a statement, the metric that will show it, and the smallest
/// change worth having on that metric. Features and experiments share it; an experiment keeps its statement
/// in <see cref="Experiment.Hypothesis"/> and its metric and effect on its primary metric reference.
/// </summary>
/// <param name="Statement">The belief in words ("Showing delivery dates at checkout raises conversion").</param>
public sealed record Hypothesis(string Statement)
{
    /// <summary>The metric definition's key that will show it; null while the hypothesis is words only.</summary>
    public string? Metric { get; init; }

    /// <summary>
    /// The smallest relative change worth having, signed in the direction expected (0.02: at least 2% up;
    /// −0.02: at least 2% down), as <see cref="MetricReference.MinimumEffect"/>.
    /// </summary>
    public double? MinimumEffect { get; init; }

    /// <summary>The direction expected, from the sign of <see cref="MinimumEffect"/>; null without one.</summary>
    public HypothesisDirection? Direction => MinimumEffect switch
    {
        > 0 => HypothesisDirection.Increase,
        < 0 => HypothesisDirection.Decrease,
        _ => null,
    };

    /// <summary>Whether it names a metric and a non-zero smallest effect, so an experiment can test it.</summary>
    public bool IsMeasurable => Metric is not null && MinimumEffect is double effect && effect != 0 && double.IsFinite(effect);

    /// <summary>An experiment's hypothesis: its statement, and its primary metric reference's key and smallest effect.</summary>
    public static Hypothesis Of(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        MetricReference? primary = experiment.Metrics.FirstOrDefault(m => m.Role == MetricUse.Primary);
        return new Hypothesis(experiment.Hypothesis) { Metric = primary?.Key, MinimumEffect = primary?.MinimumEffect };
    }
}
