using BenchmarkDotNet.Attributes;
using FailSmart.Statistics;

namespace FailSmart.Benchmarks.Statistics;

/// <summary>
/// A factorial launch of 5 features (32 cells) read over 1,000 metrics from per-cell sufficient statistics: the
/// effect-coded model with HC1 errors, the interaction Wald test and the bundle effect, saturated and two-way. The
/// baseline, in the same run, is the existing two-arm analysis of each metric (Welch on the same units split into
/// two arms), which is what reading the launch as one A/B test costs.
/// </summary>
[MemoryDiagnoser]
public class FactorialBenchmarks
{
    private const int Metrics = 1_000;
    private const int Features = 5;
    private const int Cells = 1 << Features;
    private static readonly string[] s_features = ["onboarding", "pricing", "search", "checkout", "emails"];

    private MeanStatistics[][] _cells = [];
    private MeanStatistics[][] _arms = [];

    [GlobalSetup]
    public void Setup()
    {
        // Deterministic synthetic cells: a fixed linear congruential sequence, no clock, no Random.
        ulong state = 20261207;
        double Next()
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (state >> 11) * (1.0 / (1UL << 53));
        }

        _cells = new MeanStatistics[Metrics][];
        _arms = new MeanStatistics[Metrics][];
        for (int m = 0; m < Metrics; m++)
        {
            _cells[m] = new MeanStatistics[Cells];
            for (int c = 0; c < Cells; c++)
            {
                long n = 2_000 + (long)(Next() * 200);
                double mean = 10 + Next();
                double var = 9 + Next();
                _cells[m][c] = new MeanStatistics(n, n * mean, n * (var + (mean * mean)));
            }

            _arms[m] = [Pool(_cells[m].Take(Cells / 2)), Pool(_cells[m].Skip(Cells / 2))];
        }
    }

    [Benchmark(Baseline = true)]
    public double TwoArmWelch()
    {
        double sink = 0;
        for (int m = 0; m < Metrics; m++)
        {
            sink += WelchTest.Compare(_arms[m][0], _arms[m][1]).Relative.PValueT;
        }

        return sink;
    }

    [Benchmark]
    public double FactorialSaturated()
    {
        double sink = 0;
        for (int m = 0; m < Metrics; m++)
        {
            FactorialResult r = FactorialAnalysis.Analyze(_cells[m], s_features);
            sink += r.InteractionTest.PValue + r.Bundle.Estimate + r.MainEffects[0].Effect.PValue;
        }

        return sink;
    }

    [Benchmark]
    public double FactorialTwoWay()
    {
        double sink = 0;
        for (int m = 0; m < Metrics; m++)
        {
            FactorialResult r = FactorialAnalysis.Analyze(_cells[m], s_features, model: FactorialModel.TwoWay);
            sink += r.InteractionTest.PValue + r.Bundle.Estimate + r.MainEffects[0].Effect.PValue;
        }

        return sink;
    }

    private static MeanStatistics Pool(IEnumerable<MeanStatistics> cells) =>
        cells.Aggregate(new MeanStatistics(0, 0, 0), (a, b) => new MeanStatistics(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares));
}
