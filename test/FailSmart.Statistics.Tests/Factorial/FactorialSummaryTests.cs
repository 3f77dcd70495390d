namespace FailSmart.Statistics.Tests.Factorial;

public sealed class FactorialSummaryTests
{
    // Cells 00, 10 (a on), 01 (b on), 11; n = 5,000 each, variance 4: a main effect's SE is about 0.028.
    private static FactorialResult Result(params double[] means) => FactorialAnalysis.Analyze(FactorialCells.Of(5_000, 4, means), ["onboarding", "pricing"]);

    [Fact]
    public void Summarize_one_feature_helps_and_another_hurts_recommends_shipping_them_separately()
    {
        // onboarding +0.6, pricing −0.8: the bundle nets −0.2 and hides a feature worth shipping.
        FactorialSummary summary = FactorialSummary.Summarize(Result(10, 10.6, 9.2, 9.8), MetricDirection.HigherIsBetter);

        summary.Recommendation.ShouldBe(FactorialRecommendation.ShipSeparately);
        summary.Helping.ShouldBe(["onboarding"]);
        summary.Hurting.ShouldBe(["pricing"]);
        summary.Carrier.ShouldBe("onboarding");
        summary.Interacts.ShouldBeFalse();
        summary.Explanation.ShouldStartWith("onboarding helps and pricing hurts");
    }

    [Fact]
    public void Summarize_lower_is_better_reverses_which_feature_helps()
    {
        FactorialSummary summary = FactorialSummary.Summarize(Result(10, 10.6, 9.2, 9.8), MetricDirection.LowerIsBetter);

        summary.Helping.ShouldBe(["pricing"]);
        summary.Hurting.ShouldBe(["onboarding"]);
        summary.Recommendation.ShouldBe(FactorialRecommendation.ShipSeparately);
    }

    [Fact]
    public void Summarize_carrier_is_the_helping_feature_with_the_largest_effect()
    {
        FactorialSummary summary = FactorialSummary.Summarize(Result(10, 10.2, 10.9, 11.1), MetricDirection.HigherIsBetter);

        summary.Recommendation.ShouldBe(FactorialRecommendation.ShipHelping);
        summary.Helping.ShouldBe(["pricing", "onboarding"]);
        summary.Carrier.ShouldBe("pricing");
    }

    [Fact]
    public void Summarize_interaction_is_reported_with_its_caveat()
    {
        // Each alone +0.7, together +0.0: a strong negative interaction.
        FactorialSummary summary = FactorialSummary.Summarize(Result(10, 10.7, 10.7, 10), MetricDirection.HigherIsBetter);

        summary.Interacts.ShouldBeTrue();
        summary.Explanation.ShouldContain("The features interact");
    }

    [Fact]
    public void Summarize_nothing_significant_is_inconclusive_and_all_harm_ships_none()
    {
        FactorialSummary.Summarize(Result(10, 10.01, 10, 10.01), MetricDirection.HigherIsBetter).Recommendation.ShouldBe(FactorialRecommendation.Inconclusive);
        FactorialSummary.Summarize(Result(10, 9.5, 10, 9.5), MetricDirection.HigherIsBetter).Recommendation.ShouldBe(FactorialRecommendation.ShipNone);
    }
}
