using System.Globalization;
using FailSmart.Application.Features;
using FailSmart.Application.Investment;
using FailSmart.Core.Model;

namespace FailSmart.Application.Tests.Investment;

/// <summary>
/// The curve against numbers worked by hand. The example (also in docs/lifecycle-investment.md): 5, 10 and 5
/// person-days in weeks 14 to 16 of 2026 at 600 EUR a day; shipped in week 16; the shipped variation's
/// effect is +0.02 conversions per unit (0.01 to 0.03), reaching 1,000 units a day; a conversion is worth
/// 10 EUR. Week 16 returns 0.02 × 7,000 × 10 = 1,400 EUR (700 to 2,100) against 12,000 EUR spent, 9,000 of it
/// before the first return; 10,600 EUR remain, so break-even is 10,600 / 1,400 = 7.57 weeks away
/// (10,600 / 2,100 = 5.05 to 10,600 / 700 = 15.14).
/// </summary>
public sealed class InvestmentCurveTests
{
    private static readonly DateOnly s_w14 = new(2026, 3, 30);
    private static readonly DateOnly s_w15 = new(2026, 4, 6);
    private static readonly DateOnly s_w16 = new(2026, 4, 13);
    private static readonly DateTimeOffset s_endOfW16 = DateTimeOffset.Parse("2026-04-19T23:00:00Z", CultureInfo.InvariantCulture);

    private static Feature Feature(FeaturePhase phase = FeaturePhase.Ship, double? perUnit = 10, double? cost = 600) => new(
        "delivery-dates", "Delivery dates", "team-checkout", "Shoppers abandon checkout",
        new Hypothesis("Dates raise conversion") { Metric = "checkout-conversion", MinimumEffect = 0.01 }, phase,
        [new FeatureLink(FeatureLinkKind.Experiment, "delivery-dates-test")], new FeatureValue(perUnit, "EUR", cost), 1, false, "Ada",
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static LedgerEntry Entry(DateOnly week, FeaturePhase phase, double days, double? cost = null) =>
        new(1, "delivery-dates", week, phase, days, cost, null, "Ada", DateTimeOffset.UnixEpoch);

    private static readonly LedgerEntry[] s_ledger = [Entry(s_w14, FeaturePhase.Think, 5), Entry(s_w15, FeaturePhase.Build, 10), Entry(s_w16, FeaturePhase.Ship, 5)];

    private static ReturnSource Source(DateOnly from, int days, double perDay = 1000) => new(
        "experiment", "delivery-dates-test", "checkout-conversion", "dates", 0.02, 0.01, 0.03,
        [.. Enumerable.Range(0, days).Select(i => new DailyUnits(from.AddDays(i), perDay))]);

    [Fact]
    public void Build_matches_the_worked_example()
    {
        InvestmentCurve curve = InvestmentCurve.Build(Feature(), s_ledger, new InvestmentReturns([Source(s_w16, 7)], s_w16), s_endOfW16);

        curve.Weeks.Select(w => (w.Week, w.Phase, w.PersonDays, w.Spend, w.CumulativeSpend)).ShouldBe(
        [
            (s_w14, FeaturePhase.Think, 5.0, 3000.0, 3000.0),
            (s_w15, FeaturePhase.Build, 10.0, 6000.0, 9000.0),
            (s_w16, FeaturePhase.Ship, 5.0, 3000.0, 12000.0),
        ]);
        CurveWeek w16 = curve.Weeks[2];
        (w16.Units, w16.Extrapolated).ShouldBe((7000.0, false));
        new[] { w16.Return, w16.ReturnLow, w16.ReturnHigh }.ShouldBe([1400.0, 700.0, 2100.0], tolerance: 1e-9);
        (curve.PersonDays, curve.Spend, curve.FirstReturnWeek, curve.PersonDaysBeforeReturn, curve.SpendBeforeReturn)
            .ShouldBe((20.0, (double?)12000.0, (DateOnly?)s_w16, 15.0, (double?)9000.0));
        curve.ByPhase.ShouldBe([new PhaseSpend(FeaturePhase.Think, 5, 3000), new PhaseSpend(FeaturePhase.Build, 10, 6000), new PhaseSpend(FeaturePhase.Ship, 5, 3000)]);
        new[] { curve.Return, curve.ReturnLow, curve.ReturnHigh }.ShouldBe([1400.0, 700.0, 2100.0], tolerance: 1e-9);
        InvestmentStanding standing = curve.Standing;
        (standing.Status, standing.BreakEvenWeek).ShouldBe((InvestmentStanding.NotYet, (DateOnly?)null));
        standing.PaybackWeeks!.Value.ShouldBe(10600.0 / 1400, 1e-9);
        standing.PaybackWeeksLow!.Value.ShouldBe(10600.0 / 2100, 1e-9);
        standing.PaybackWeeksHigh!.Value.ShouldBe(10600.0 / 700, 1e-9);
        standing.Summary.ShouldBe(
            "Spent 15 person-days (9,000 EUR) before the first measured return (2026-W16); returning 1,400 EUR/week (700–2,100); " +
            "break-even in about 8 weeks (5–15) if spending stops now.");
    }

    [Fact]
    public void Build_carries_units_on_at_the_last_measured_rate_after_the_experiment_ends_and_finds_the_break_even_week()
    {
        // Measured for 7 days of week 16 only; weeks 17 to 25 are extrapolated at 1,000 units a day.
        DateTimeOffset w25 = s_endOfW16.AddDays(63);
        InvestmentCurve curve = InvestmentCurve.Build(Feature(), s_ledger, new InvestmentReturns([Source(s_w16, 7)], null), w25);

        curve.Weeks.Count.ShouldBe(12);
        curve.Weeks[3].Extrapolated.ShouldBeTrue();
        curve.Weeks[3].Return.ShouldBe(1400, 1e-9);
        // Cumulative return passes 12,000 EUR after 9 weeks of 1,400 (12,600): week 24.
        (curve.Standing.Status, curve.Standing.BreakEvenWeek).ShouldBe((InvestmentStanding.PayingBack, (DateOnly?)s_w16.AddDays(56)));
        curve.Return.ShouldBe(14000, 1e-9);
        curve.Standing.Summary.ShouldEndWith("broke even in 2026-W24.");
    }

    [Fact]
    public void Build_counts_return_only_from_the_week_the_feature_shipped()
    {
        // Exposed from week 15, shipped (decided into Ship) in week 16: week 15's units do not count.
        InvestmentCurve curve = InvestmentCurve.Build(Feature(), s_ledger, new InvestmentReturns([Source(s_w15, 14)], s_w16.AddDays(2)), s_endOfW16);

        curve.Weeks.Select(w => w.Units).ShouldBe([0.0, 0.0, 7000.0]);
        curve.FirstReturnWeek.ShouldBe(s_w16);
    }

    [Fact]
    public void Build_without_a_cost_or_a_value_keeps_person_days_and_metric_units_and_says_the_return_cannot_be_compared()
    {
        InvestmentCurve curve = InvestmentCurve.Build(Feature(perUnit: null, cost: null), s_ledger, new InvestmentReturns([Source(s_w16, 7)], s_w16), s_endOfW16);

        (curve.Spend, curve.SpendBeforeReturn, curve.ReturnUnit, curve.Return).ShouldBe(((double?)null, (double?)null, "metric", 140.0));
        curve.Standing.Status.ShouldBe(InvestmentStanding.Unmeasured);
        curve.Standing.Summary.ShouldBe(
            "Spent 15 person-days before the first measured return (2026-W16); returning 140 checkout-conversion/week (70–210). Set a cost per person-day to compare spend with return.");
    }

    [Fact]
    public void Build_uses_an_entrys_own_cost_over_the_features()
    {
        InvestmentCurve curve = InvestmentCurve.Build(Feature(cost: null), [Entry(s_w14, FeaturePhase.Think, 2, 500), Entry(s_w15, FeaturePhase.Build, 1.25, 800)],
            new InvestmentReturns([], null), s_endOfW16);

        (curve.Spend, curve.PersonDays, curve.FirstReturnWeek).ShouldBe(((double?)2000.0, 3.25, (DateOnly?)null));
        curve.Weeks.Count.ShouldBe(3);
        (curve.Standing.Status, curve.Standing.Summary).ShouldBe((InvestmentStanding.Unmeasured,
            "Spent 3.25 person-days (2,000 EUR); return not measured: link an experiment with results on the feature's hypothesis metric."));
    }

    [Fact]
    public void Build_for_a_stopped_feature_names_its_spend_a_sunk_cost()
    {
        InvestmentCurve curve = InvestmentCurve.Build(Feature(FeaturePhase.Stopped), s_ledger, new InvestmentReturns([], null), s_endOfW16);

        curve.Standing.Status.ShouldBe(InvestmentStanding.Stopped);
        curve.Standing.Summary.ShouldEndWith("Stopped: 20 person-days (12,000 EUR) spent in all, a sunk cost; keep the lesson.");
    }
}
