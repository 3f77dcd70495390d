namespace FailSmart.Statistics;

/// <summary>An attribute (country, platform, plan…) with the cohort's and the target population's units per level.</summary>
public sealed record AttributeMix(string Attribute, IReadOnlyList<StratumMix> Levels);
