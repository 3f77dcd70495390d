namespace FailSmart.Statistics;

/// <summary>Pearson χ² goodness of fit of observed units to the planned split.</summary>
public sealed record SampleRatioMismatchResult(double ChiSquare, int DegreesOfFreedom, double PValue, bool Flagged, double Threshold);
