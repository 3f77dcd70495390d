using BenchmarkDotNet.Attributes;
using FailSmart.Statistics;

namespace FailSmart.Benchmarks.Statistics;

/// <summary>
/// One experiment readout: 1,000 metrics × 5 variations (a control and four treatments) from
/// sufficient statistics. The metrics cycle through means, proportions, ratios and CUPED. "All
/// methods" adds, per comparison, the always-valid confidence sequence, mSPRT, the Bayesian posterior,
/// the non-inferiority guardrail and the plain-language decision, then Holm and Benjamini–Hochberg
/// over all 4,000 p-values and the SRM check. The baseline is the fixed-horizon Welch test alone.
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private const int Metrics = 1_000;
    private const int Variations = 5;
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private MeanStatistics[][] _means = [];
    private ProportionStatistics[][] _proportions = [];
    private RatioStatistics[][] _ratios = [];
    private CupedStatistics[][] _cuped = [];

    [GlobalSetup]
    public void Setup()
    {
        // Deterministic synthetic arms: a fixed linear congruential sequence, no clock, no Random.
        ulong state = 20240901;
        double Next()
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (state >> 11) * (1.0 / (1UL << 53));
        }

        _means = new MeanStatistics[Metrics][];
        _proportions = new ProportionStatistics[Metrics][];
        _ratios = new RatioStatistics[Metrics][];
        _cuped = new CupedStatistics[Metrics][];
        for (int m = 0; m < Metrics; m++)
        {
            _means[m] = new MeanStatistics[Variations];
            _proportions[m] = new ProportionStatistics[Variations];
            _ratios[m] = new RatioStatistics[Variations];
            _cuped[m] = new CupedStatistics[Variations];
            for (int v = 0; v < Variations; v++)
            {
                long n = 20_000 + (long)(Next() * 1_000);
                double mean = 10 + Next();
                double var = 9 + Next();
                _means[m][v] = new MeanStatistics(n, n * mean, n * (var + (mean * mean)));
                _proportions[m][v] = new ProportionStatistics(n, Math.Round(n * (0.3 + (0.01 * Next()))));
                double d = 3 + Next();
                _ratios[m][v] = new RatioStatistics(n, n * mean, n * (var + (mean * mean)), n * d, n * (1 + (d * d)), n * ((mean * d) + 1.5));
                double x = mean - 0.2;
                _cuped[m][v] = new CupedStatistics(n, n * mean, n * (var + (mean * mean)), n * x, n * (var + (x * x)), n * ((0.7 * var) + (mean * x)));
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double WelchOnly()
    {
        double sink = 0;
        for (int m = 0; m < Metrics; m++)
        {
            for (int v = 1; v < Variations; v++)
            {
                sink += WelchTest.Compare(_means[m][0], _means[m][v]).Relative.PValueT;
            }
        }

        return sink;
    }

    [Benchmark]
    public double AllMethods()
    {
        var pValues = new double[Metrics * (Variations - 1)];
        double sink = 0;
        int k = 0;
        for (int m = 0; m < Metrics; m++)
        {
            for (int v = 1; v < Variations; v++)
            {
                Comparison c = (m % 4) switch
                {
                    0 => WelchTest.Compare(_means[m][0], _means[m][v]).Lifts,
                    1 => ProportionTest.Compare(_proportions[m][0], _proportions[m][v]).Lifts,
                    2 => DeltaMethodRatio.Compare(_ratios[m][0], _ratios[m][v]).Lifts,
                    _ => CupedAdjustment.Compare(_cuped[m][0], _cuped[m][v]).Lifts,
                };
                long units = _means[m][0].N + _means[m][v].N;
                SequentialEstimate cs = ConfidenceSequence.Apply(c.Relative, units, 50_000);
                MsprtResult ms = Msprt.Apply(c.Relative, _means[m][0].N, _means[m][v].N);
                BayesianResult bayes = BayesianNormal.Analyze(c.Relative);
                NonInferiorityResult ni = NonInferiority.Test(c.Relative, 0.01);
                GuardrailResult guard = Guardrail.Evaluate(cs.ConfidenceInterval, ni);
                MetricDecision decision = DecisionRules.Decide(new DecisionInput(
                    c.Relative.Estimate, cs.ConfidenceInterval, true, units, 50_000, 5_000, s_now));
                pValues[k++] = c.Relative.PValueT;
                sink += cs.PValue + ms.PValue + bayes.ChanceToWin + (int)guard.Verdict + (int)decision.Status;
            }
        }

        sink += MultipleTesting.Holm(pValues).PValues[0] + MultipleTesting.BenjaminiHochberg(pValues).PValues[0];
        sink += SampleRatioMismatch.Check([.. _means[0].Select(a => (double)a.N)]).PValue;
        return sink;
    }
}
