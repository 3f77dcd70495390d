namespace FailSmart.Statistics;

/// <summary>
/// One stratum's share of the cohort and of the target, and its treatment − control difference. A stratum is covered
/// when both arms hold at least two units; an uncovered stratum has no <see cref="Effect"/>, and its target share is
/// left out of the reweighted effect.
/// </summary>
public sealed record StratumEffect(string Level, double CohortShare, double TargetShare, bool Covered, NormalEstimate? Effect);
