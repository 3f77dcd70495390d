namespace FailSmart.Statistics;

/// <summary>The result of <see cref="DeltaMethodRatio"/>.</summary>
public sealed record RatioComparison(
    double ControlRatio,
    double ControlUnitVariance,
    double TreatmentRatio,
    double TreatmentUnitVariance,
    LiftEstimate Absolute,
    LiftEstimate Relative)
{
    /// <summary>The two lifts, for code that reads any metric type the same way.</summary>
    public Comparison Lifts => new(Absolute, Relative);
}
