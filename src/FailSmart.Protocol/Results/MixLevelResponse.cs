namespace FailSmart.Protocol.Results;

/// <summary>One level of an attribute (a market, a platform): units and shares in the cohort and the target, and their standardised difference.</summary>
public sealed record MixLevelResponse(string Level, double CohortUnits, double TargetUnits, double CohortShare, double TargetShare, double StandardizedDifference);
