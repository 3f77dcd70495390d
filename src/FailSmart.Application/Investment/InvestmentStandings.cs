using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>Judges where a feature stands from its curve: paid back, when it may, or why that cannot be said.</summary>
internal static class InvestmentStandings
{
    public static InvestmentStanding Judge(
        Feature feature, IReadOnlyList<CurveWeek> points, bool costKnown, bool returnInMoney, bool anyMeasured, IReadOnlyList<ReturnSource> sources)
    {
        List<CurveWeek> returning = [.. points.Where(p => p.Units > 0).TakeLast(InvestmentCurve.RateWeeks)];
        double? rate = returning.Count == 0 ? null : returning.Average(p => p.Return);
        double? rateLow = returning.Count == 0 ? null : returning.Average(p => p.ReturnLow);
        double? rateHigh = returning.Count == 0 ? null : returning.Average(p => p.ReturnHigh);
        if (feature.Phase == FeaturePhase.Stopped)
        {
            return new InvestmentStanding(InvestmentStanding.Stopped, null, rate, rateLow, rateHigh, null, null, null, string.Empty);
        }

        if (!anyMeasured || rate is null || !costKnown || !returnInMoney)
        {
            return new InvestmentStanding(InvestmentStanding.Unmeasured, null, rate, rateLow, rateHigh, null, null, null, string.Empty);
        }

        CurveWeek last = points[^1];
        DateOnly? breakEven = points.FirstOrDefault(p => p.CumulativeReturn > 0 && p.CumulativeReturn >= p.CumulativeSpend)?.Week;
        if (last.CumulativeReturn >= last.CumulativeSpend!.Value && breakEven is not null)
        {
            return new InvestmentStanding(InvestmentStanding.PayingBack, breakEven, rate, rateLow, rateHigh, 0, 0, 0, string.Empty);
        }

        double remaining = last.CumulativeSpend!.Value - last.CumulativeReturn;
        return new InvestmentStanding(
            InvestmentStanding.NotYet, null, rate, rateLow, rateHigh,
            rate > 0 ? remaining / rate.Value : null,
            rateHigh > 0 ? remaining / rateHigh.Value : null,
            rateLow > 0 ? remaining / rateLow.Value : null,
            string.Empty);
    }
}
