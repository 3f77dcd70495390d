namespace FailSmart.Statistics;

/// <summary>A normal prior on the relative lift.</summary>
public readonly record struct NormalPrior(double Mean, double Variance);
