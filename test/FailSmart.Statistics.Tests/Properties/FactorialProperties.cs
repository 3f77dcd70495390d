using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Statistics.Tests.Properties;

/// <summary>Invariants of effect coding and of post-stratification that hold for any cells.</summary>
public sealed class FactorialProperties
{
    [Property(MaxTest = 200)]
    public Property Relabelling_a_feature_flips_the_sign_of_every_term_that_contains_it(int[] seeds, PositiveInt kSeed, PositiveInt featureSeed)
    {
        int k = 2 + (kSeed.Get % 3);
        int feature = featureSeed.Get % k;
        MeanStatistics[] cells = Cells(seeds, k);
        // Swapping the feature's on and off cells is the same launch with the feature's states named the other way.
        MeanStatistics[] relabelled = [.. Enumerable.Range(0, cells.Length).Select(c => cells[c ^ (1 << feature)])];
        string[] features = [.. Enumerable.Range(0, k).Select(j => $"f{j}")];

        FactorialResult a = FactorialAnalysis.Analyze(cells, features);
        FactorialResult b = FactorialAnalysis.Analyze(relabelled, features);

        bool ok = a.MainEffects.Concat(a.Interactions).Zip(b.MainEffects.Concat(b.Interactions)).All(pair =>
        {
            double sign = (pair.First.Mask & (1 << feature)) != 0 ? -1 : 1;
            return Near(pair.Second.Effect.Estimate, sign * pair.First.Effect.Estimate)
                && Near(pair.Second.Effect.StandardError, pair.First.Effect.StandardError);
        });
        return (ok && Near(a.InteractionTest.ChiSquare, b.InteractionTest.ChiSquare) && Near(a.Intercept.Estimate, b.Intercept.Estimate)).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Reweighting_to_the_cohorts_own_mix_gives_the_plain_stratified_estimate(int[] seeds, PositiveInt strataSeed)
    {
        int strata = 2 + (strataSeed.Get % 5);
        MeanStatistics[] arms = Cells(seeds, 0, strata * 2);
        StratumArms[] cohort = [.. Enumerable.Range(0, strata).Select(h => new StratumArms($"s{h}", arms[2 * h], arms[(2 * h) + 1], arms[2 * h].N + arms[(2 * h) + 1].N))];

        PostStratifiedEffect result = PostStratification.Estimate(cohort);

        return (Near(result.Reweighted.Estimate, result.CohortWeighted.Estimate)
            && Near(result.Reweighted.StandardError, result.CohortWeighted.StandardError)
            && Near(result.CoveredTargetShare, 1)).ToProperty();
    }

    /// <summary>Cells with 2 to 501 units, means in [−5, 5) and variances in (0, 10], from arbitrary integers.</summary>
    private static MeanStatistics[] Cells(int[] seeds, int k, int count = 0)
    {
        count = count == 0 ? 1 << k : count;
        seeds = seeds is { Length: > 0 } ? seeds : [7];
        return [.. Enumerable.Range(0, count).Select(c =>
        {
            long s = Math.Abs((long)seeds[c % seeds.Length] * (c + 31));
            long n = 2 + (s % 500);
            double mean = ((s / 500) % 1000 / 100.0) - 5;
            double variance = 0.01 + ((s / 7) % 1000 / 100.0);
            return new MeanStatistics(n, n * mean, ((n - 1) * variance) + (n * mean * mean));
        })];
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
