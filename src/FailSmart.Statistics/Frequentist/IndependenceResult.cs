namespace FailSmart.Statistics;

/// <summary>The χ² statistic, its degrees of freedom, the p-value, and the units in the table.</summary>
public sealed record IndependenceResult(double ChiSquare, int DegreesOfFreedom, double PValue, double Total);
