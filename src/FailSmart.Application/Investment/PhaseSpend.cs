using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>Effort spent for one phase of a feature's work.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="PersonDays">Effort.</param>
/// <param name="Spend">Cost; null when a cost is unknown.</param>
public sealed record PhaseSpend(FeaturePhase Phase, double PersonDays, double? Spend);
