using FailSmart.Core.Model;
using FailSmart.Protocol.Results;
using FailSmart.Statistics;

namespace FailSmart.Server.Results;

/// <summary>
/// A factorial launch's verdict speaks of its features, not only of its cells: when the primary metric's
/// factorial reading tells the features apart, its advice joins the verdict, so the page never says "do not
/// ship, worse for 01" beside "ship the features separately". When one feature helps and another hurts, the
/// bundle is not shipped and the verdict names the cell to ship: the helping features on, the rest off.
/// </summary>
internal static class FactorialVerdict
{
    public static Verdict Refine(Verdict verdict, FactorialMetricResponse? primary)
    {
        if (verdict.Kind is VerdictKind.Invalid || primary?.Summary is not { } advice
            || primary.Recommendation is null or FactorialMetricResponse.DoNotTrust or "inconclusive")
        {
            return verdict;
        }

        if (primary.Recommendation == "ship-separately" && verdict.Kind is VerdictKind.Ship or VerdictKind.DoNotShip)
        {
            string cell = FactorialCells.KeyOf([.. primary.Features.Select(f => primary.Helping?.Contains(f) == true)]);
            return verdict with { Kind = VerdictKind.DoNotShip, Reason = $"Do not ship the bundle. {advice} That is cell {cell}.", Variation = cell };
        }

        return verdict with { Reason = $"{verdict.Reason} {advice}" };
    }
}
