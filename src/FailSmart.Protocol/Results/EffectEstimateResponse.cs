namespace FailSmart.Protocol.Results;

/// <summary>An effect (treatment mean − control mean) with its standard error, normal interval and two-sided p-value (null when the standard error is 0).</summary>
public sealed record EffectEstimateResponse(double Estimate, double StandardError, double Lower, double Upper, double? PValue);
