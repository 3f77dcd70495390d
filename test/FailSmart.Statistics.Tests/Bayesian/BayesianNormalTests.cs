namespace FailSmart.Statistics.Tests.Bayesian;

public sealed class BayesianNormalTests
{
    [Fact]
    public void Analyze_zero_lift_with_flat_prior_is_a_coin_flip_with_equal_risks()
    {
        // E[max(X, 0)] for X ~ N(0, σ²) is σ/√(2π) (half-normal mean / 2).
        BayesianResult r = BayesianNormal.Analyze(0, 0.0004);

        r.ChanceToWin.ShouldBe(0.5, 1e-15);
        r.RiskControl.ShouldBe(0.02 / Math.Sqrt(2 * Math.PI), 1e-15);
        r.RiskTreatment.ShouldBe(r.RiskControl, 1e-15);
    }

    [Fact]
    public void Analyze_risks_differ_by_the_posterior_mean()
    {
        // E[max(X,0)] − E[max(−X,0)] = E[X].
        BayesianResult r = BayesianNormal.Analyze(0.03, 0.0004);

        (r.RiskControl - r.RiskTreatment).ShouldBe(0.03, 1e-15);
    }

    [Fact]
    public void Analyze_normal_prior_shrinks_toward_its_mean_by_precision_weighting()
    {
        // Equal precisions: the posterior mean is halfway and the variance halves.
        BayesianResult r = BayesianNormal.Analyze(0.04, 0.0004, new NormalPrior(0, 0.0004));

        r.PosteriorMean.ShouldBe(0.02, 1e-15);
        r.PosteriorStandardDeviation.ShouldBe(Math.Sqrt(0.0002), 1e-15);
    }
}
