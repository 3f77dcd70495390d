namespace FailSmart.Protocol.Results;

/// <summary>
/// Whether the effect differs between strata: Cochran's Q, its χ² p-value, I² (the share of the spread that is not
/// chance) and the inverse-variance pooled effect (null when no stratum has one).
/// </summary>
public sealed record HeterogeneityResponse(double Q, int DegreesOfFreedom, double PValue, double ISquared, double? PooledEffect);
