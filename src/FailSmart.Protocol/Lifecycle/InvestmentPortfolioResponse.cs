namespace FailSmart.Protocol.Lifecycle;

/// <summary>GET /api/v1/investment/portfolio: every feature that is not archived, by spend (largest first).</summary>
/// <param name="Features">One entry per feature.</param>
public sealed record InvestmentPortfolioResponse(IReadOnlyList<InvestmentPortfolioEntryBody> Features);

/// <summary>
/// One feature: its phase, effort and spend, cumulative return with its interval, status (paying-back,
/// not-yet, unmeasured, or stopped with its spend a sunk cost) and the summary in words.
/// </summary>
public sealed record InvestmentPortfolioEntryBody(
    string Feature,
    string Name,
    string Phase,
    string? Currency,
    string ReturnUnit,
    double PersonDays,
    double? Spend,
    double Return,
    double ReturnLow,
    double ReturnHigh,
    string Status,
    string? BreakEvenWeek,
    double? PaybackWeeks,
    string Summary);
