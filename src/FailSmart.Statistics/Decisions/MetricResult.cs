namespace FailSmart.Statistics;

/// <summary>
/// Everything shown for one metric of one treatment: the fixed-horizon comparison, the always-valid
/// relative lift, the Bayesian reading and, first of all, the decision in words.
/// </summary>
public sealed record MetricResult(
    MetricDecision Decision,
    Comparison FixedHorizon,
    SequentialEstimate AlwaysValidRelative,
    BayesianResult Bayesian);
