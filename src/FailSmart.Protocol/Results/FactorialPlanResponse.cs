namespace FailSmart.Protocol.Results;

/// <summary>
/// Units a balanced factorial launch needs to detect an effect of the primary metric's minimum size, at 80% power and
/// the analysis's α, from the metric's per-unit standard deviation so far. An interaction needs about four times the units
/// of a main effect of the same size: its coefficient's variance is four times as large.
/// </summary>
/// <param name="Metric">The metric planned for: the primary one.</param>
/// <param name="MinimumEffect">The relative effect planned for (0.02 for 2%), from the experiment's primary metric; 0.02 when it names none.</param>
/// <param name="MinimumEffectAssumed">True when the experiment names no minimum effect and 2% was assumed.</param>
/// <param name="AbsoluteEffect">The minimum effect in the metric's own unit: the relative one times the all-off cell's value.</param>
/// <param name="StandardDeviation">The per-unit standard deviation, pooled over the cells.</param>
/// <param name="MainEffectUnits">Units in all to detect a main effect of that size.</param>
/// <param name="InteractionUnits">Units in all to detect a two-way interaction of that size.</param>
/// <param name="Units">Units analysed so far.</param>
/// <param name="Power">The power the design has so far for a main effect and for an interaction of that size.</param>
public sealed record FactorialPlanResponse(
    string Metric,
    double MinimumEffect,
    bool MinimumEffectAssumed,
    double AbsoluteEffect,
    double StandardDeviation,
    long MainEffectUnits,
    long InteractionUnits,
    long Units,
    FactorialPowerResponse Power);
