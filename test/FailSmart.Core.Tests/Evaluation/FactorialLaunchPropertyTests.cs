using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

/// <summary>
/// A factorial launch randomises each feature on its own: each is on for half of the units, every
/// combination gets its share, and a unit's cell is the same whichever flag of the launch is evaluated.
/// </summary>
public sealed class FactorialLaunchPropertyTests
{
    private const int Units = 20_000;

    private static readonly string[] s_ids = UnitIds.Generate(Units, seed: 7);

    // Chi-square beyond p = 1e-6 with 2^k - 1 degrees of freedom (scipy.stats.chi2.isf(1e-6, df)), so a fair
    // assignment fails about once in a million launches.
    private static readonly Dictionary<int, double> s_chiSquareLimit = new() { [3] = 30.66, [7] = 40.52, [15] = 56.49, [31] = 83.64 };

    private static Arbitrary<string[]> Seeds => Gen.Choose(FactorialDesign.MinFeatures, FactorialDesign.MaxFeatures)
        .SelectMany(k => Gen.ArrayOf(ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get), k))
        .Where(seeds => seeds.Distinct(StringComparer.Ordinal).Count() == seeds.Length)
        .ToArbitrary();

    private static Arbitrary<NonEmptyString> Ids => ArbMap.Default.ArbFor<NonEmptyString>();

    [Property(MaxTest = 20)]
    public Property Every_feature_is_on_for_half_of_the_units() => Prop.ForAll(Seeds, seeds =>
    {
        var evaluator = new Evaluator(Launches.Configuration("spring", seeds), Env);
        var unit = new SingleIdAttributes();
        var on = new int[seeds.Length];
        foreach (string id in s_ids)
        {
            unit.Id = id;
            for (int f = 0; f < seeds.Length; f++)
            {
                on[f] += evaluator.Evaluate("f" + f, unit).Value.AsBoolean() ? 1 : 0;
            }
        }

        // Binomial(20,000, ½): five standard deviations (5 × 70.7) either side of 10,000.
        double limit = 5 * Math.Sqrt(Units * 0.25);
        return on.All(n => Math.Abs(n - (Units / 2.0)) < limit).Label($"on counts {string.Join(", ", on)} for seeds {string.Join(", ", seeds)}");
    });

    [Property(MaxTest = 20)]
    public Property Every_cell_gets_its_share_so_the_features_are_independent() => Prop.ForAll(Seeds, seeds =>
    {
        var evaluator = new Evaluator(Launches.Configuration("spring", seeds), Env);
        var unit = new SingleIdAttributes();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string id in s_ids)
        {
            unit.Id = id;
            string cell = evaluator.Evaluate("f0", unit).ExposureVariation!;
            counts[cell] = counts.GetValueOrDefault(cell) + 1;
        }

        double chiSquare = ChiSquare(FactorialCells.All(seeds.Length).Select(c => counts.GetValueOrDefault(c)).ToArray());
        return (chiSquare < s_chiSquareLimit[(1 << seeds.Length) - 1]).Label($"chi-square {chiSquare:F1} over cells {string.Join(" ", counts)}");
    });

    [Fact]
    public void The_cell_test_rejects_features_that_move_together()
    {
        // The statistic must be able to fail: with the second feature hashed by the first one's seed, only
        // cells 00 and 11 occur.
        var counts = new int[4];
        foreach (string id in s_ids)
        {
            bool first = BucketHash.BucketV2("a", id) < BucketHash.BucketCount / 2;
            bool second = BucketHash.BucketV2("a", id) < BucketHash.BucketCount / 2;
            counts[((first ? 1 : 0) << 1) | (second ? 1 : 0)]++;
        }

        ChiSquare(counts).ShouldBeGreaterThan(s_chiSquareLimit[3]);
    }

    [Property(MaxTest = 200)]
    public Property Every_flag_of_the_launch_records_the_same_cell_and_serves_its_own_bit() => Prop.ForAll(Seeds, Ids, (seeds, id) =>
    {
        var evaluator = new Evaluator(Launches.Configuration("spring", seeds), Env);
        var unit = Core.Values.Attributes.Of(("id", id.Get));
        EvaluationResult[] results = [.. seeds.Select((_, f) => evaluator.Evaluate("f" + f, unit))];
        string cell = results[0].ExposureVariation!;
        bool[] bits = FactorialCells.Parse(cell);

        bool consistent = results.All(r => r.InExperiment && r.ExperimentKey == "spring" && r.ExposureVariation == cell && r.Reason == EvaluationReason.Experiment)
            && results.Select((r, f) => r.Value.AsBoolean() == bits[f]).All(ok => ok)
            && bits.Select((on, f) => on == BucketHash.BucketV2(seeds[f], id.Get) < BucketHash.BucketCount / 2).All(ok => ok);
        return consistent.Label($"cell {cell}, results {string.Join("; ", results)}");
    });

    [Property(MaxTest = 100)]
    public Property Assignment_is_stable_across_evaluators() => Prop.ForAll(Seeds, Ids, (seeds, id) =>
    {
        Configuration config = Launches.Configuration("spring", seeds);
        var unit = Core.Values.Attributes.Of(("id", id.Get));
        return new Evaluator(config, Env).Evaluate("f1", unit) == new Evaluator(config, Env).Evaluate("f1", unit);
    });

    private static double ChiSquare(int[] counts)
    {
        double expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
