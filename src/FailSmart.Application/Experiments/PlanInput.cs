namespace FailSmart.Application.Experiments;

/// <summary>
/// What an experiment plan needs: the primary metric's baseline (a mean, or a rate when
/// <see cref="Proportion"/>), its per-unit variance (implied by a rate), eligible units a day, the minimum
/// effect worth acting on (relative, signed), what one unit of the metric is worth, and the candidate
/// allocations (shares of traffic entering the experiment, 0.1 = 10%) split by the control and the
/// smallest treatment weight.
/// </summary>
public sealed record PlanInput(
    double? Baseline,
    double? Variance,
    bool Proportion,
    double? UnitsPerDay,
    double? MinimumEffect,
    double? ValuePerUnit,
    IReadOnlyList<double> Allocations,
    double ControlWeight = 0.5,
    double TreatmentWeight = 0.5,
    double Alpha = 0.05,
    double Power = 0.8,
    DateOnly? Start = null)
{
    /// <summary>The allocations a plan offers when nobody names any: the steps teams usually weigh.</summary>
    public static IReadOnlyList<double> DefaultAllocations { get; } = [0.01, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>The variance the plan uses: p(1 − p) for a rate, else the one given.</summary>
    public double? EffectiveVariance => Proportion ? Baseline * (1 - Baseline) : Variance;
}
