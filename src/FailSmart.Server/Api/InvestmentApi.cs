using FailSmart.Application.Investment;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Lifecycle;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/features/{key}/investment` (the curve), `/api/v1/investment/portfolio`, and the ledger (<see cref="LedgerApi"/>).</summary>
internal static class InvestmentApi
{
    public static RouteGroupBuilder MapInvestmentApi(this RouteGroupBuilder api)
    {
        api.MapLedgerApi();
        api.MapGet("/features/{key}/investment", CurveAsync).WithName("GetInvestmentCurve").WithTags("Investment")
            .WithSummary("A feature's cumulative spend against its cumulative measured return (with interval), week by week, and where it stands.")
            .Produces<InvestmentCurveResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/investment/portfolio", PortfolioAsync).WithName("GetInvestmentPortfolio").WithTags("Investment")
            .WithSummary("Every feature that is not archived, with its spend, return (with interval), phase and status, by spend (largest first).")
            .Produces<InvestmentPortfolioResponse>();
        return api;
    }

    private static async Task<IResult> CurveAsync(string key, IInvestmentService investment, CancellationToken cancellationToken)
    {
        ServiceResult<InvestmentCurve> result = await investment.CurveAsync(key, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    private static async Task<IResult> PortfolioAsync(IInvestmentService investment, CancellationToken cancellationToken)
    {
        ServiceResult<IReadOnlyList<PortfolioEntry>> result = await investment.PortfolioAsync(cancellationToken);
        return result.Problem is { } problem
            ? ApiProblems.From(problem)
            : TypedResults.Ok(new InvestmentPortfolioResponse([.. result.Value!.Select(p => new InvestmentPortfolioEntryBody(
                p.FeatureKey, p.Name, Name(p.Phase), p.Curve.Currency, p.Curve.ReturnUnit, p.Curve.PersonDays, p.Curve.Spend,
                p.Curve.Return, p.Curve.ReturnLow, p.Curve.ReturnHigh, p.Curve.Standing.Status, Week(p.Curve.Standing.BreakEvenWeek),
                p.Curve.Standing.PaybackWeeks, p.Curve.Standing.Summary))]));
    }

    public static InvestmentCurveResponse ToResponse(InvestmentCurve curve) => new(
        curve.FeatureKey, curve.Currency, curve.ReturnUnit,
        [.. curve.Weeks.Select(w => new InvestmentWeekBody(
            IsoWeeks.Label(w.Week), w.Week, w.Phase is { } phase ? Name(phase) : null, w.PersonDays, w.Spend, w.CumulativePersonDays, w.CumulativeSpend,
            w.Units, w.Return, w.ReturnLow, w.ReturnHigh, w.CumulativeReturn, w.CumulativeLow, w.CumulativeHigh, w.Extrapolated))],
        curve.PersonDays, curve.Spend, Week(curve.FirstReturnWeek), curve.PersonDaysBeforeReturn, curve.SpendBeforeReturn,
        [.. curve.ByPhase.Select(p => new InvestmentPhaseBody(Name(p.Phase), p.PersonDays, p.Spend))],
        curve.Return, curve.ReturnLow, curve.ReturnHigh,
        new InvestmentStandingBody(
            curve.Standing.Status, Week(curve.Standing.BreakEvenWeek), curve.Standing.WeeklyRate, curve.Standing.WeeklyRateLow, curve.Standing.WeeklyRateHigh,
            curve.Standing.PaybackWeeks, curve.Standing.PaybackWeeksLow, curve.Standing.PaybackWeeksHigh, curve.Standing.Summary),
        [.. curve.Sources.Select(s => new InvestmentSourceBody(
            s.Kind, s.Key, s.Metric, s.Variation, s.Effect, s.Low, s.High, s.Units.Sum(u => u.Units), s.UnitsFrom, s.NotMeasured))]);

    private static string Name(Application.Features.FeaturePhase phase) => phase.ToString().ToLowerInvariant();

    private static string? Week(DateOnly? week) => week is { } w ? IsoWeeks.Label(w) : null;
}
