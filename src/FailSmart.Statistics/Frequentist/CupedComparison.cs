namespace FailSmart.Statistics;

/// <summary>The result of <see cref="CupedAdjustment"/>: θ, per-arm adjusted variances and the two lifts.</summary>
public sealed record CupedComparison(
    double Theta,
    double ControlAdjustedVariance,
    double TreatmentAdjustedVariance,
    LiftEstimate Absolute,
    LiftEstimate Relative)
{
    /// <summary>The two lifts, for code that reads any metric type the same way.</summary>
    public Comparison Lifts => new(Absolute, Relative);
}
