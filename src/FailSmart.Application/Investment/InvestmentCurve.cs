using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>
/// A feature's spend against its measured return, week by week (see docs/lifecycle-investment.md for the
/// formulas and where the estimate is weak).
/// </summary>
/// <param name="FeatureKey">The feature.</param>
/// <param name="Currency">The currency of every amount, when the feature names one.</param>
/// <param name="ReturnUnit">What return is counted in: "money" (effect × units × value per unit) or "metric" (effect × units, without a value per unit).</param>
/// <param name="Weeks">From the first week with effort or return to the week of now.</param>
/// <param name="PersonDays">Effort so far.</param>
/// <param name="Spend">Its cost so far; null when a cost is unknown.</param>
/// <param name="FirstReturnWeek">The first week with measured return; null when none.</param>
/// <param name="PersonDaysBeforeReturn">Effort in the weeks before it (all effort when there is no return): the shaded area.</param>
/// <param name="SpendBeforeReturn">Its cost.</param>
/// <param name="ByPhase">Effort by the phase it was for, in phase order.</param>
/// <param name="Return">Cumulative return so far.</param>
/// <param name="ReturnLow">Its lower bound.</param>
/// <param name="ReturnHigh">Its upper bound.</param>
/// <param name="Standing">Break-even, payback, or why neither can be said.</param>
/// <param name="Sources">The experiments and rollouts the return was read from.</param>
public sealed record InvestmentCurve(
    string FeatureKey,
    string? Currency,
    string ReturnUnit,
    IReadOnlyList<CurveWeek> Weeks,
    double PersonDays,
    double? Spend,
    DateOnly? FirstReturnWeek,
    double PersonDaysBeforeReturn,
    double? SpendBeforeReturn,
    IReadOnlyList<PhaseSpend> ByPhase,
    double Return,
    double ReturnLow,
    double ReturnHigh,
    InvestmentStanding Standing,
    IReadOnlyList<ReturnSource> Sources)
{
    /// <summary>How many recent weeks with return the current rate is the mean of.</summary>
    public const int RateWeeks = 4;

    /// <summary>Builds the curve. Pure: everything it reads is passed in.</summary>
    public static InvestmentCurve Build(Feature feature, IReadOnlyList<LedgerEntry> ledger, InvestmentReturns returns, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(returns);
        DateOnly today = DateOnly.FromDateTime(asOf.UtcDateTime);
        DateOnly nowWeek = IsoWeeks.MondayOf(today);
        double? featureCost = feature.Value.CostPerPersonDay;
        bool costKnown = ledger.All(e => (e.CostPerPersonDay ?? featureCost) is not null);
        double value = feature.Value.PerUnit ?? 1;
        List<ReturnSource> measured = [.. returns.Sources.Where(s => s.Measured && s.Units.Count > 0)];

        DateOnly? firstExposure = measured.Count == 0 ? null : measured.Min(s => s.Units.Min(u => u.Day));
        DateOnly? returnFrom = (returns.ShippedOn ?? firstExposure) is DateOnly from ? IsoWeeks.MondayOf(from) : null;

        var weeks = new SortedSet<DateOnly>(ledger.Select(e => e.Week)) { nowWeek };
        if (returnFrom is DateOnly start)
        {
            for (DateOnly w = start; w <= nowWeek; w = w.AddDays(7))
            {
                weeks.Add(w);
            }
        }

        // Fill the gaps, so the x axis has every week.
        for (DateOnly w = weeks.Min; w < weeks.Max; w = w.AddDays(7))
        {
            weeks.Add(w);
        }

        var points = new List<CurveWeek>();
        double cumDays = 0, cumSpend = 0, cumReturn = 0, cumLow = 0, cumHigh = 0;
        foreach (DateOnly week in weeks)
        {
            List<LedgerEntry> entries = [.. ledger.Where(e => e.Week == week)];
            double days = entries.Sum(e => e.PersonDays);
            double spend = entries.Sum(e => e.PersonDays * (e.CostPerPersonDay ?? featureCost ?? 0));
            FeaturePhase? phase = entries.Count == 0 ? null : entries.GroupBy(e => e.Phase).OrderByDescending(g => g.Sum(e => e.PersonDays)).ThenBy(g => g.Key).First().Key;
            double units = 0, ret = 0, low = 0, high = 0;
            bool extrapolated = false;
            if (returnFrom is DateOnly returnStart && week >= returnStart)
            {
                foreach (ReturnSource source in measured)
                {
                    (double u, bool carried) = UnitsIn(source, week, today);
                    units += u;
                    extrapolated |= carried;
                    double a = source.Low!.Value * u * value, b = source.High!.Value * u * value;
                    ret += source.Effect!.Value * u * value;
                    low += Math.Min(a, b);
                    high += Math.Max(a, b);
                }
            }

            cumDays += days;
            cumSpend += spend;
            cumReturn += ret;
            cumLow += low;
            cumHigh += high;
            points.Add(new CurveWeek(week, phase, days, costKnown ? spend : null, cumDays, costKnown ? cumSpend : null,
                units, ret, low, high, cumReturn, cumLow, cumHigh, extrapolated));
        }

        DateOnly? firstReturnWeek = points.FirstOrDefault(p => p.Units > 0)?.Week;
        List<CurveWeek> before = [.. points.Where(p => firstReturnWeek is null || p.Week < firstReturnWeek)];
        List<PhaseSpend> byPhase = [.. ledger.GroupBy(e => e.Phase).OrderBy(g => g.Key)
            .Select(g => new PhaseSpend(g.Key, g.Sum(e => e.PersonDays), costKnown ? g.Sum(e => e.PersonDays * (e.CostPerPersonDay ?? featureCost ?? 0)) : null))];
        double? spendBefore = costKnown ? before.Sum(p => p.Spend ?? 0) : null;
        string returnUnit = feature.Value.PerUnit is null ? "metric" : "money";
        InvestmentStanding standing = InvestmentStandings.Judge(feature, points, costKnown, returnUnit == "money", measured.Count > 0, returns.Sources);
        return new InvestmentCurve(
            feature.Key, feature.Value.Currency, returnUnit, points, cumDays, costKnown ? cumSpend : null, firstReturnWeek,
            before.Sum(p => p.PersonDays), spendBefore, byPhase, cumReturn, cumLow, cumHigh,
            standing with { Summary = InvestmentSummary.Write(feature, cumDays, costKnown ? cumSpend : null, before.Sum(p => p.PersonDays), spendBefore, firstReturnWeek, standing) },
            returns.Sources);
    }

    /// <summary>
    /// A source's units in one week: the days measured in it, and for the days after its last measured day
    /// up to today, its rate over its last seven measured days (the return after an experiment ends is
    /// extrapolated at the last measured rate).
    /// </summary>
    private static (double Units, bool Extrapolated) UnitsIn(ReturnSource source, DateOnly week, DateOnly today)
    {
        DateOnly end = week.AddDays(6) < today ? week.AddDays(6) : today;
        double units = source.Units.Where(u => u.Day >= week && u.Day <= end).Sum(u => u.Units);
        DateOnly last = source.Units.Max(u => u.Day);
        if (end <= last)
        {
            return (units, false);
        }

        DateOnly firstCarried = last.AddDays(1) > week ? last.AddDays(1) : week;
        int carriedDays = end.DayNumber - firstCarried.DayNumber + 1;
        DateOnly windowStart = last.AddDays(-6) > source.Units.Min(u => u.Day) ? last.AddDays(-6) : source.Units.Min(u => u.Day);
        double perDay = source.Units.Where(u => u.Day >= windowStart).Sum(u => u.Units) / (last.DayNumber - windowStart.DayNumber + 1);
        return (units + (perDay * carriedDays), true);
    }
}
