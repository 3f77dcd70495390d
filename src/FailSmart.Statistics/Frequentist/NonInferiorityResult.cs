namespace FailSmart.Statistics;

/// <summary>
/// One-sided non-inferiority test of the relative lift against the margin. <see cref="BoundT"/> and
/// <see cref="BoundZ"/> are the one-sided confidence bounds (lower when higher is better, upper when
/// lower is better).
/// </summary>
public sealed record NonInferiorityResult(
    double Estimate,
    double StandardError,
    double Statistic,
    double PValueT,
    double PValueZ,
    double BoundT,
    double BoundZ,
    bool NonInferiorT,
    bool NonInferiorZ,
    double Margin,
    MetricDirection Direction);
