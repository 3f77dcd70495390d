namespace FailSmart.Statistics;

/// <summary>The result of <see cref="WelchTest"/>: per-arm summaries and the two lifts.</summary>
public sealed record MeanComparison(
    double ControlMean,
    double ControlVariance,
    double TreatmentMean,
    double TreatmentVariance,
    LiftEstimate Absolute,
    LiftEstimate Relative)
{
    /// <summary>The two lifts, for code that reads any metric type the same way.</summary>
    public Comparison Lifts => new(Absolute, Relative);
}
