namespace FailSmart.Statistics;

/// <summary>A Wald χ² test that several coefficients are all zero: W = b′V⁻¹b on <see cref="DegreesOfFreedom"/> degrees of freedom.</summary>
public sealed record WaldTest(double ChiSquare, int DegreesOfFreedom, double PValue);
