namespace FailSmart.Statistics;

/// <summary>
/// Inputs of <see cref="LearningCostPlanner"/>. <see cref="Allocations"/> are the candidate shares of
/// daily traffic given to the treatment (0.01 = 1%). The control gets <see cref="ControlShare"/>, or the
/// rest of the traffic when it is null (a rollout measured against everyone else).
/// <see cref="RelativeEffect"/> is the assumed or observed effect (−0.02 = 2% worse); its magnitude is
/// both what the test must be able to detect and the harm per exposed unit if the variant is bad.
/// <see cref="ValuePerUnit"/> converts one unit of the metric into money (or any currency of value).
/// </summary>
public sealed record LearningCostRequest(
    double BaselineMean,
    double Variance,
    double UnitsPerDay,
    IReadOnlyList<double> Allocations,
    double RelativeEffect,
    double ValuePerUnit,
    double Alpha = 0.05,
    double Power = 0.8,
    double? ControlShare = null,
    DateOnly? StartDate = null)
{
    /// <summary>A conversion metric: the per-unit variance is the Bernoulli p(1 − p) of the baseline rate.</summary>
    public static LearningCostRequest ForProportion(
        double baselineRate,
        double unitsPerDay,
        IReadOnlyList<double> allocations,
        double relativeEffect,
        double valuePerUnit,
        double alpha = 0.05,
        double power = 0.8) =>
        new(baselineRate, baselineRate * (1 - baselineRate), unitsPerDay, allocations, relativeEffect, valuePerUnit, alpha, power);
}
