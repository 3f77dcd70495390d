using System.Globalization;
using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>The curve in words, the same for the API and the page.</summary>
internal static class InvestmentSummary
{
    public static string Write(
        Feature feature, double personDays, double? spend, double daysBefore, double? spendBefore, DateOnly? firstReturnWeek, InvestmentStanding standing)
    {
        string currency = feature.Value.Currency is { } c ? " " + c : string.Empty;
        string Amount(double? money) => money is double m ? $" ({Number(m)}{currency})" : string.Empty;
        string Rate(double value) => feature.Value.PerUnit is null
            ? $"{Number(value)} {feature.Hypothesis?.Metric ?? "metric units"}"
            : $"{Number(value)}{currency}";

        string spent = firstReturnWeek is null
            ? $"Spent {Days(personDays)}{Amount(spend)}"
            : $"Spent {Days(daysBefore)}{Amount(spendBefore)} before the first measured return ({IsoWeeks.Label(firstReturnWeek.Value)})";
        string returning = standing.WeeklyRate is double rate
            ? $"; returning {Rate(rate)}/week ({Number(standing.WeeklyRateLow!.Value)}–{Number(standing.WeeklyRateHigh!.Value)})"
            : "; return not measured: link an experiment with results on the feature's hypothesis metric";
        string tail = standing.Status switch
        {
            InvestmentStanding.Stopped => $". Stopped: {Days(personDays)}{Amount(spend)} spent in all, a sunk cost; keep the lesson.",
            InvestmentStanding.PayingBack => $"; broke even in {IsoWeeks.Label(standing.BreakEvenWeek!.Value)}.",
            InvestmentStanding.NotYet when standing.PaybackWeeks is not double => "; at the current rate it does not pay back.",
            InvestmentStanding.NotYet => $"; break-even in about {Weeks(standing.PaybackWeeks)} ({Count(standing.PaybackWeeksLow)}–{Count(standing.PaybackWeeksHigh)}) if spending stops now.",
            _ when standing.WeeklyRate is not null => spend is null
                ? ". Set a cost per person-day to compare spend with return."
                : ". Set a value per unit to compare spend with return.",
            _ => ".",
        };
        return spent + returning + tail;
    }

    private static string Days(double days) => days == 1 ? "1 person-day" : $"{days.ToString("#,0.##", CultureInfo.InvariantCulture)} person-days";

    private static string Number(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Weeks(double? weeks) => Count(weeks) + (weeks is >= 0.5 and < 1.5 ? " week" : " weeks");

    /// <summary>Whole weeks; "never" for a rate that does not pay back.</summary>
    private static string Count(double? weeks) => weeks is double w ? Math.Round(w, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture) : "never";
}
