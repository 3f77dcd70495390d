namespace FailSmart.Application.Investment;

/// <summary>What the curve counts return from.</summary>
/// <param name="Sources">Each linked experiment or rollout, measured or not.</param>
/// <param name="ShippedOn">The day of the feature's first decision into Ship; null when it has none, and then return counts from its first exposure.</param>
public sealed record InvestmentReturns(IReadOnlyList<ReturnSource> Sources, DateOnly? ShippedOn);
