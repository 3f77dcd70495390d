namespace FailSmart.Protocol.Results;

/// <summary>The sample-ratio-mismatch check: units per variation against the planned split (Pearson's χ²).</summary>
/// <param name="ChiSquare">Pearson's χ² statistic.</param>
/// <param name="DegreesOfFreedom">Variations with planned traffic minus one.</param>
/// <param name="PValue">The p-value; below <see cref="Threshold"/> the split is broken.</param>
/// <param name="Threshold">The p-value below which the check is red.</param>
/// <param name="Mismatch">True when the check is red.</param>
public sealed record SampleRatioCheck(double ChiSquare, int DegreesOfFreedom, double PValue, double Threshold, bool Mismatch);
