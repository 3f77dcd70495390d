namespace FailSmart.Protocol.Results;

/// <summary>An effect in the metric's own unit, with its robust standard error, two-sided interval and p-value (normal reference).</summary>
/// <param name="Estimate">The effect.</param>
/// <param name="StandardError">The HC1 robust standard error.</param>
/// <param name="Lower">The interval's lower bound, at the analysis's level (95% by default).</param>
/// <param name="Upper">The interval's upper bound.</param>
/// <param name="PValue">The two-sided p-value of no effect.</param>
public sealed record FactorialEffectResponse(double Estimate, double StandardError, double Lower, double Upper, double PValue);
