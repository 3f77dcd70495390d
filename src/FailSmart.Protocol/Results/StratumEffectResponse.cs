namespace FailSmart.Protocol.Results;

/// <summary>One stratum's shares and effect. A stratum is covered when both arms have at least two units; an uncovered one has no effect.</summary>
public sealed record StratumEffectResponse(string Level, double CohortShare, double TargetShare, bool Covered, EffectEstimateResponse? Effect);
