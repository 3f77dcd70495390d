namespace FailSmart.Statistics;

/// <summary>The result of <see cref="ProportionTest"/>.</summary>
public sealed record ProportionComparison(
    double ControlRate,
    double TreatmentRate,
    LiftEstimate Absolute,
    LiftEstimate Relative,
    PooledZTest PooledZ);
