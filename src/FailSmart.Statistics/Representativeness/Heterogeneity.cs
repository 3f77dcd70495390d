namespace FailSmart.Statistics;

/// <summary>
/// Whether the effect differs between strata: Cochran's Q = Σ wₕ(Δₕ − Δ̄)² with wₕ = 1/Vₕ and Δ̄ the
/// inverse-variance pooled effect, its χ² p-value on (strata − 1) degrees of freedom, and I² = max(0, (Q − df)/Q),
/// the share of the spread that is not chance (Cochran 1954; Higgins &amp; Thompson 2002).
/// </summary>
public sealed record Heterogeneity(double Q, int DegreesOfFreedom, double PValue, double ISquared, double PooledEffect);
