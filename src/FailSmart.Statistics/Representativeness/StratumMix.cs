namespace FailSmart.Statistics;

/// <summary>One level of an attribute (a country, a platform, a plan): units in the cohort and in the target population.</summary>
public sealed record StratumMix(string Level, double CohortUnits, double TargetUnits);
