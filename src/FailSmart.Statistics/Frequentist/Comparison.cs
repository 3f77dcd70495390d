namespace FailSmart.Statistics;

/// <summary>Treatment against control: the absolute difference and the relative lift (treatment / control − 1).</summary>
public sealed record Comparison(LiftEstimate Absolute, LiftEstimate Relative);
