using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace FailSmart.Statistics.Tests.Frequentist;

/// <summary>
/// Checks the moment algebra of CUPED on ratio metrics against the same computation done on raw,
/// seeded unit data: linearise each unit (y = (M − R·D)/μ_D, x = (P − Rₓ·Q)/μ_Q) and run plain CUPED
/// on (y, x), as Deng, Knoblich &amp; Lu (2018) and Deng et al. (2013) describe.
/// </summary>
public sealed class CupedRatioAdjustmentTests
{
    private sealed record Unit(double M, double D, double P, double Q);

    private static Unit[] Units(int seed, int n, double lift)
    {
        var random = new Xoshiro256StarStar(seed);
        var units = new Unit[n];
        for (int i = 0; i < n; i++)
        {
            double sessions = 1 + Poisson.Sample(random, 3);
            double preSessions = 1 + Poisson.Sample(random, 3);
            double propensity = Gamma.Sample(random, 2, 4);
            double clicks = (propensity * sessions * (1 + lift)) + Normal.Sample(random, 0, 0.2);
            double preClicks = (propensity * preSessions) + Normal.Sample(random, 0, 0.2);
            units[i] = new Unit(clicks, sessions, preClicks, preSessions);
        }

        return units;
    }

    private static CupedRatioStatistics Stats(Unit[] u) => new(
        u.Length,
        u.Sum(x => x.M), u.Sum(x => x.D), u.Sum(x => x.P), u.Sum(x => x.Q),
        u.Sum(x => x.M * x.M), u.Sum(x => x.D * x.D), u.Sum(x => x.P * x.P), u.Sum(x => x.Q * x.Q),
        u.Sum(x => x.M * x.D), u.Sum(x => x.P * x.Q),
        u.Sum(x => x.M * x.P), u.Sum(x => x.M * x.Q), u.Sum(x => x.D * x.P), u.Sum(x => x.D * x.Q));

    private static (double[] Y, double[] X) Linearise(Unit[] u)
    {
        double muD = u.Average(x => x.D);
        double muQ = u.Average(x => x.Q);
        double r = u.Sum(x => x.M) / u.Sum(x => x.D);
        double rx = u.Sum(x => x.P) / u.Sum(x => x.Q);
        return ([.. u.Select(x => (x.M - (r * x.D)) / muD)], [.. u.Select(x => (x.P - (rx * x.Q)) / muQ)]);
    }

    private static double Cov(double[] a, double[] b)
    {
        double ma = a.Average();
        double mb = b.Average();
        return a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum() / (a.Length - 1);
    }

    [Fact]
    public void Compare_matches_plain_cuped_on_raw_linearised_units()
    {
        Unit[] c = Units(1, 3_000, 0);
        Unit[] t = Units(2, 2_500, 0.03);
        CupedComparison result = CupedRatioAdjustment.Compare(Stats(c), Stats(t));

        (double[] yc, double[] xc) = Linearise(c);
        (double[] yt, double[] xt) = Linearise(t);
        double theta = (((c.Length - 1) * Cov(yc, xc)) + ((t.Length - 1) * Cov(yt, xt))) / (((c.Length - 1) * Cov(xc, xc)) + ((t.Length - 1) * Cov(xt, xt)));
        double vc = Cov(yc, yc) + (theta * theta * Cov(xc, xc)) - (2 * theta * Cov(yc, xc));
        double vt = Cov(yt, yt) + (theta * theta * Cov(xt, xt)) - (2 * theta * Cov(yt, xt));

        result.Theta.ShouldBe(theta, Math.Abs(theta) * 1e-9);
        result.ControlAdjustedVariance.ShouldBe(vc, vc * 1e-8);
        result.TreatmentAdjustedVariance.ShouldBe(vt, vt * 1e-8);
        result.Absolute.StandardError.ShouldBe(Math.Sqrt((vc / c.Length) + (vt / t.Length)), 1e-12);
    }

    [Fact]
    public void Compare_correlated_pre_period_reduces_the_standard_error_against_the_plain_ratio()
    {
        Unit[] c = Units(3, 4_000, 0);
        Unit[] t = Units(4, 4_000, 0.02);
        CupedComparison cuped = CupedRatioAdjustment.Compare(Stats(c), Stats(t));
        RatioComparison plain = DeltaMethodRatio.Compare(
            new RatioStatistics(c.Length, c.Sum(x => x.M), c.Sum(x => x.M * x.M), c.Sum(x => x.D), c.Sum(x => x.D * x.D), c.Sum(x => x.M * x.D)),
            new RatioStatistics(t.Length, t.Sum(x => x.M), t.Sum(x => x.M * x.M), t.Sum(x => x.D), t.Sum(x => x.D * x.D), t.Sum(x => x.M * x.D)));

        cuped.Absolute.StandardError.ShouldBeLessThan(plain.Absolute.StandardError * 0.9);
        cuped.Absolute.Estimate.ShouldBe(plain.Absolute.Estimate, plain.Absolute.StandardError);
    }
}
