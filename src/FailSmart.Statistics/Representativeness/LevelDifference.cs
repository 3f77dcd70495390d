namespace FailSmart.Statistics;

/// <summary>
/// One level's share in the cohort and in the target, and the standardised difference between them:
/// (p_cohort − p_target) / √((p_cohort(1 − p_cohort) + p_target(1 − p_target)) / 2). |d| above 0.1 is the usual
/// sign of a mix that matters (Austin 2009).
/// </summary>
public sealed record LevelDifference(string Level, double CohortShare, double TargetShare, double StandardizedDifference);
