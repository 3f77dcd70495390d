using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>One feature in the portfolio: what it cost, what it returned, and where it stands.</summary>
/// <param name="FeatureKey">The feature.</param>
/// <param name="Name">Its name.</param>
/// <param name="Phase">Its phase now.</param>
/// <param name="Curve">Its whole investment curve (spend, return with interval, standing).</param>
public sealed record PortfolioEntry(string FeatureKey, string Name, FeaturePhase Phase, InvestmentCurve Curve);
