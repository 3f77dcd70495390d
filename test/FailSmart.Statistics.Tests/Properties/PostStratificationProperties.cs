using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Statistics.Tests.Properties;

/// <summary>
/// Post-stratification changes nothing when there is nothing to reweight: over one stratum, or to a target mixed like
/// the cohort when every stratum splits its units evenly between the arms. For means and for ratios.
/// </summary>
public sealed class PostStratificationProperties
{
    [Property(MaxTest = 200)]
    public Property One_stratum_mean_reweighted_is_the_plain_effect(PositiveInt seed, PositiveInt target)
    {
        (MeanStatistics control, MeanStatistics treatment) = (Mean(seed.Get, 0), Mean(seed.Get, 1));

        PostStratifiedEffect result = PostStratification.Estimate([new StratumArms("all", control, treatment, target.Get)]);

        return (Same(result.Reweighted, result.Plain) && Same(result.CohortWeighted, result.Plain) && result.CoveredTargetShare == 1).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property One_stratum_ratio_reweighted_is_the_plain_delta_method_effect(PositiveInt seed, PositiveInt target)
    {
        (RatioStatistics control, RatioStatistics treatment) = (Ratio(seed.Get, 0, 40), Ratio(seed.Get, 1, 40));

        PostStratifiedEffect result = PostStratification.EstimateRatio([new RatioStratumArms("all", control, treatment, target.Get)]);
        RatioComparison delta = DeltaMethodRatio.Compare(control, treatment);

        return (Same(result.Reweighted, result.Plain)
            && Near(result.Reweighted.Estimate, delta.Absolute.Estimate)
            && Near(result.Reweighted.StandardError, delta.Absolute.StandardError)).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Mean_reweighted_to_a_target_mixed_like_an_evenly_split_cohort_is_the_plain_effect(PositiveInt seed, PositiveInt strataSeed, PositiveInt scale)
    {
        int strata = 2 + (strataSeed.Get % 5);
        StratumArms[] cohort = [.. Enumerable.Range(0, strata).Select(h =>
        {
            long n = 2 + ((seed.Get + (h * 37L)) % 300);
            MeanStatistics control = Mean(seed.Get + h, 0, n);
            return new StratumArms($"s{h}", control, Mean(seed.Get + h, 1, n), 2.0 * n * scale.Get);
        })];

        PostStratifiedEffect result = PostStratification.Estimate(cohort);

        return Near(result.Reweighted.Estimate, result.Plain.Estimate).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Ratio_reweighted_to_a_target_mixed_like_an_evenly_split_cohort_is_the_plain_effect(PositiveInt seed, PositiveInt strataSeed, PositiveInt scale)
    {
        int strata = 2 + (strataSeed.Get % 5);
        RatioStratumArms[] cohort = [.. Enumerable.Range(0, strata).Select(h =>
        {
            int n = 2 + (int)((seed.Get + (h * 37L)) % 300);
            return new RatioStratumArms($"s{h}", Ratio(seed.Get + h, 0, n), Ratio(seed.Get + h, 1, n), 2.0 * n * scale.Get);
        })];

        PostStratifiedEffect result = PostStratification.EstimateRatio(cohort);

        return Near(result.Reweighted.Estimate, result.Plain.Estimate).ToProperty();
    }

    /// <summary>An arm of a mean metric from unit values drawn with a seeded generator.</summary>
    private static MeanStatistics Mean(int seed, int arm, long n = 0)
    {
        var random = new Random(HashCode.Combine(seed, arm));
        n = n == 0 ? 2 + random.Next(300) : n;
        double centre = random.NextDouble() * 10;
        double[] y = [.. Enumerable.Range(0, (int)n).Select(_ => centre + (random.NextDouble() * 4))];
        return new MeanStatistics(n, y.Sum(), y.Sum(v => v * v));
    }

    /// <summary>An arm of a ratio metric (clicks per session) from unit rows drawn with a seeded generator.</summary>
    private static RatioStatistics Ratio(int seed, int arm, int n)
    {
        var random = new Random(HashCode.Combine(seed, arm, n));
        double rate = 0.1 + (random.NextDouble() * 0.5);
        double[] d = [.. Enumerable.Range(0, n).Select(_ => 1.0 + random.Next(6))];
        double[] m = [.. d.Select(s => Math.Floor(s * rate * 2 * random.NextDouble()))];
        return new RatioStatistics(n, m.Sum(), m.Sum(v => v * v), d.Sum(), d.Sum(v => v * v), m.Zip(d, (a, b) => a * b).Sum());
    }

    private static bool Same(NormalEstimate a, NormalEstimate b) => Near(a.Estimate, b.Estimate) && Near(a.StandardError, b.StandardError);

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
