namespace FailSmart.Application.Demo;

/// <summary>
/// A treatment's true effect on a metric in the demo: the simulated ratio of the treatment's expected
/// per-unit value to the control's, minus one (0.05 = 5% higher).
/// </summary>
public sealed record PlantedEffect(string Experiment, string Variation, string Metric, double RelativeLift);
