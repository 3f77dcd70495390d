using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Protocol.Tests.Configuration;

/// <summary>
/// A rollout's coverage written as a percentage and read back must take the same units: every bucket
/// edge b / 1000 (version 1) and b / 10000 (version 2) stays on the side of the coverage it was on, under
/// GrowthBook's n &lt;= coverage.
/// </summary>
public sealed class RolloutPercentTests
{
    private static double RoundTrip(double fraction) => RolloutStage.FromPercent(RolloutPercent.Of(fraction)).Fraction;

    private static string? EdgeMoved(double fraction, double read)
    {
        foreach (int scale in (int[])[1_000, 10_000])
        {
            for (int bucket = 0; bucket <= scale; bucket++)
            {
                if (bucket / (double)scale <= fraction != bucket / (double)scale <= read)
                {
                    return $"bucket {bucket} of {scale}: coverage {fraction:R} read back as {read:R}";
                }
            }
        }

        return null;
    }

    private static IEnumerable<double> Edges() =>
        ((int[])[1_000, 10_000]).SelectMany(scale => Enumerable.Range(0, scale + 1).Select(k => k / (double)scale));

    [Fact]
    public void Every_bucket_edge_reads_back_as_exactly_itself()
    {
        double[] moved = [.. Edges().Where(f => RoundTrip(f) != f)];

        moved.ShouldBeEmpty();
    }

    // The doubles either side of an edge, and what percent / 100 gives in JavaScript for a percentage with two
    // decimals (GrowthBook's rollout input), 0.7 / 100 being 0.006999999999999999: some have no percentage that
    // reads back as exactly themselves, but every one must keep each edge on its side.
    [Fact]
    public void The_doubles_next_to_an_edge_and_javascripts_percent_divisions_keep_every_edge_on_its_side()
    {
        double[] fractions =
        [
            .. Edges().SelectMany(e => new[] { Math.BitDecrement(e), Math.BitIncrement(e) }).Where(f => f is >= 0 and <= 1),
            .. Enumerable.Range(0, 10_001).Select(k => k / 100.0 / 100),
        ];

        string[] moved = [.. fractions.Select(f => EdgeMoved(f, RoundTrip(f))).OfType<string>()];

        moved.ShouldBeEmpty();
        // Both neighbours of the 11,002 edges, less those below 0 and above 1 (two per scale), and the 10,001 divisions.
        fractions.Length.ShouldBe((2 * 11_002) - 4 + 10_001);
    }

    [Fact]
    public void Short_decimals_are_written_as_people_write_them()
    {
        RolloutPercent.Of(0.07).ShouldBe(7);
        RolloutPercent.Of(0.007).ShouldBe(0.7);
        RolloutPercent.Of(0.123).ShouldBe(12.3);
        RolloutPercent.Of(0.3333).ShouldBe(33.33);
        RolloutPercent.Of(1).ShouldBe(100);
        RolloutStage.FromPercent(0.7).Fraction.ShouldBe(0.007);
    }

    [Property(MaxTest = 500)]
    public Property Any_coverage_read_back_leaves_every_bucket_edge_where_it_was(NormalFloat value)
    {
        double fraction = Math.Abs(value.Get) % 1;
        double read = RoundTrip(fraction);

        return (EdgeMoved(fraction, read) is null).Label(EdgeMoved(fraction, read) ?? string.Empty);
    }
}
