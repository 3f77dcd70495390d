namespace FailSmart.Statistics;

/// <summary>The result of <see cref="ProportionTest"/>.</summary>
public sealed record ProportionComparison(
    double ControlRate,
    double TreatmentRate,
    LiftEstimate Absolute,
    LiftEstimate Relative,
    PooledZTest PooledZ)
{
    /// <summary>The two lifts, for code that reads any metric type the same way.</summary>
    public Comparison Lifts => new(Absolute, Relative);
}
