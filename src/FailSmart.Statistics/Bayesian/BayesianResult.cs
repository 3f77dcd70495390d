namespace FailSmart.Statistics;

/// <summary>
/// Posterior of the relative lift. <see cref="RiskControl"/> is the expected lift given up by keeping
/// control (E[max(lift, 0)]); <see cref="RiskTreatment"/> is the expected loss from shipping the
/// treatment (E[max(−lift, 0)]). Both are in relative-lift units.
/// </summary>
public sealed record BayesianResult(
    double PosteriorMean,
    double PosteriorStandardDeviation,
    Interval CredibleInterval,
    double ChanceToWin,
    double RiskControl,
    double RiskTreatment);
