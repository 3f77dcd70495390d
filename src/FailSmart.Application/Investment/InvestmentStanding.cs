namespace FailSmart.Application.Investment;

/// <summary>Where a feature stands: has its return paid back its spend, and if not, when it may.</summary>
/// <param name="Status">paying-back, not-yet, unmeasured or stopped.</param>
/// <param name="BreakEvenWeek">The first week the cumulative return reached the cumulative spend; null for not yet.</param>
/// <param name="WeeklyRate">The current return per week (the mean of the last four weeks with return); null when unmeasured.</param>
/// <param name="WeeklyRateLow">Its lower bound.</param>
/// <param name="WeeklyRateHigh">Its upper bound.</param>
/// <param name="PaybackWeeks">For not-yet: weeks from now to break even at the current rate, if spending stops; null when it would never.</param>
/// <param name="PaybackWeeksLow">At the rate's upper bound.</param>
/// <param name="PaybackWeeksHigh">At the rate's lower bound; null when that rate never pays back.</param>
/// <param name="Summary">The standing in one or two sentences, for people.</param>
public sealed record InvestmentStanding(
    string Status,
    DateOnly? BreakEvenWeek,
    double? WeeklyRate,
    double? WeeklyRateLow,
    double? WeeklyRateHigh,
    double? PaybackWeeks,
    double? PaybackWeeksLow,
    double? PaybackWeeksHigh,
    string Summary)
{
    public const string PayingBack = "paying-back";

    public const string NotYet = "not-yet";

    public const string Unmeasured = "unmeasured";

    public const string Stopped = "stopped";
}
