namespace FailSmart.Protocol.Results;

/// <summary>The Wald χ² test that every interaction coefficient of a factorial launch is zero.</summary>
/// <param name="ChiSquare">The Wald statistic b′V⁻¹b.</param>
/// <param name="DegreesOfFreedom">The number of interaction terms.</param>
/// <param name="PValue">The p-value; below the analysis's α the features interact.</param>
public sealed record FactorialInteractionTest(double ChiSquare, int DegreesOfFreedom, double PValue);
