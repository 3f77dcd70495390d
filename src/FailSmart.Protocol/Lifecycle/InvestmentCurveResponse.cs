namespace FailSmart.Protocol.Lifecycle;

/// <summary>
/// GET /api/v1/features/{key}/investment: a feature's spend against its measured return, week by week
/// (how both are computed, and where the estimate is weak: docs/lifecycle-investment.md).
/// </summary>
/// <param name="Feature">The feature's key.</param>
/// <param name="Currency">The currency of every amount, when the feature names one.</param>
/// <param name="ReturnUnit">money (effect × units × value per unit) or metric (effect × units: the feature has no value per unit).</param>
/// <param name="Weeks">From the first week with effort or return to this week.</param>
/// <param name="PersonDays">Effort so far.</param>
/// <param name="Spend">Its cost; null when a cost per person-day is unknown for some entry.</param>
/// <param name="FirstReturnWeek">The first week with measured return ("2026-W18"); null when none.</param>
/// <param name="PersonDaysBeforeReturn">Effort in the weeks before it: what the shaded area shows.</param>
/// <param name="SpendBeforeReturn">Its cost.</param>
/// <param name="ByPhase">Effort by the phase it was for.</param>
/// <param name="Return">Cumulative return so far.</param>
/// <param name="ReturnLow">Its lower bound (from the effect's always-valid 95% interval).</param>
/// <param name="ReturnHigh">Its upper bound.</param>
/// <param name="Standing">Break-even, payback, or why neither can be said.</param>
/// <param name="Sources">The experiments and rollouts the return was read from.</param>
public sealed record InvestmentCurveResponse(
    string Feature,
    string? Currency,
    string ReturnUnit,
    IReadOnlyList<InvestmentWeekBody> Weeks,
    double PersonDays,
    double? Spend,
    string? FirstReturnWeek,
    double PersonDaysBeforeReturn,
    double? SpendBeforeReturn,
    IReadOnlyList<InvestmentPhaseBody> ByPhase,
    double Return,
    double ReturnLow,
    double ReturnHigh,
    InvestmentStandingBody Standing,
    IReadOnlyList<InvestmentSourceBody> Sources);

/// <summary>One ISO week: its spend and return, and both summed so far.</summary>
public sealed record InvestmentWeekBody(
    string Week,
    DateOnly WeekStart,
    string? Phase,
    double PersonDays,
    double? Spend,
    double CumulativePersonDays,
    double? CumulativeSpend,
    double Units,
    double Return,
    double ReturnLow,
    double ReturnHigh,
    double CumulativeReturn,
    double CumulativeLow,
    double CumulativeHigh,
    bool Extrapolated);

/// <summary>Effort for one phase.</summary>
public sealed record InvestmentPhaseBody(string Phase, double PersonDays, double? Spend);

/// <summary>
/// Where the feature stands: status paying-back, not-yet, unmeasured or stopped; the break-even week; the
/// current weekly return with its interval; for not-yet, the weeks to break even at that rate if spending
/// stops (null: never), and the summary in words.
/// </summary>
public sealed record InvestmentStandingBody(
    string Status,
    string? BreakEvenWeek,
    double? WeeklyReturn,
    double? WeeklyReturnLow,
    double? WeeklyReturnHigh,
    double? PaybackWeeks,
    double? PaybackWeeksLow,
    double? PaybackWeeksHigh,
    string Summary);

/// <summary>
/// A linked experiment or rollout: the metric and variation read, the absolute effect per unit (signed so
/// that better is positive) with its interval, units counted, how they were counted (daily or total), and
/// why it is not measured when it is not.
/// </summary>
public sealed record InvestmentSourceBody(
    string Kind,
    string Key,
    string? Metric,
    string? Variation,
    double? Effect,
    double? EffectLow,
    double? EffectHigh,
    double Units,
    string UnitsFrom,
    string? NotMeasured);
