using MathNet.Numerics.Random;

namespace FailSmart.Application.Tests.Rollouts;

public sealed class BinomialDrawTests
{
    [Theory]
    [InlineData(4_167, 0.3)]
    [InlineData(4_167, 0.01)]
    [InlineData(41, 0.3)]
    [InlineData(100_000, 0.99)]
    public void Sample_has_the_binomial_mean_and_variance(int n, double p)
    {
        var random = new Xoshiro256StarStar(5);
        const int Draws = 20_000;
        double sum = 0, squares = 0;
        for (int i = 0; i < Draws; i++)
        {
            int k = BinomialDraw.Sample(random, p, n);
            k.ShouldBeInRange(0, n);
            sum += k;
            squares += (double)k * k;
        }

        double mean = sum / Draws;
        double variance = (squares - (sum * mean)) / (Draws - 1);
        double expectedVariance = n * p * (1 - p);
        // Five standard errors of the mean; the sample variance of 20,000 draws is within about 5% of the truth.
        mean.ShouldBe(n * p, 5 * Math.Sqrt(expectedVariance / Draws));
        variance.ShouldBe(expectedVariance, 0.05 * expectedVariance);
    }

    [Fact]
    public void Sample_at_the_edges_of_p_is_exact()
    {
        var random = new Xoshiro256StarStar(6);
        BinomialDraw.Sample(random, 0, 5_000).ShouldBe(0);
        BinomialDraw.Sample(random, 1, 5_000).ShouldBe(5_000);
    }
}
