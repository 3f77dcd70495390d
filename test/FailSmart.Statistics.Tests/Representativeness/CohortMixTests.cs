using System.Text.Json;

namespace FailSmart.Statistics.Tests.Representativeness;

public sealed class CohortMixTests
{
    public static TheoryData<string> Cases => RepresentativenessReference.Ids("mix");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_matches_scipy_chisquare_and_standardised_differences_by_hand(string id)
    {
        JsonElement c = RepresentativenessReference.Case("mix", id);
        JsonElement expected = c.GetProperty("expected");

        AttributeDifference result = CohortMix.Compare([RepresentativenessReference.Mix(c)]).Single();

        result.ChiSquare.ShouldBe(expected.GetProperty("chi2").GetDouble(), expected.GetProperty("chi2").GetDouble() * 1e-12);
        result.DegreesOfFreedom.ShouldBe(expected.GetProperty("df").GetInt32());
        double p = expected.GetProperty("p").GetDouble();
        result.PValue.ShouldBe(p, Math.Max(1e-300, p * 1e-9));
        double[] smd = RepresentativenessReference.Doubles(expected, "smd");
        result.Levels.Select(l => l.StandardizedDifference).ToArray().ShouldBe(smd, 1e-12);
        result.LargestDifference.ShouldBe(smd.Max(Math.Abs), 1e-12);
    }

    [Fact]
    public void Compare_orders_attributes_by_their_largest_standardised_difference()
    {
        AttributeMix[] mixes = [.. RepresentativenessReference.Ids("mix").Select(id => RepresentativenessReference.Mix(RepresentativenessReference.Case("mix", id)))];

        CohortMix.Compare(mixes).Select(d => d.Attribute).ShouldBe(["country", "plan", "platform"]);
    }

    [Fact]
    public void Compare_orders_by_standardised_difference_not_by_chi_square()
    {
        // "rare" is 1% of the cohort and 0.1% of the target: χ² = 81.1 but |d| = 0.12. The plan mix is 50/50
        // against 40/60: χ² = 41.7 but |d| = 0.20. The plan differs more, though its χ² is smaller.
        AttributeMix plan = new("plan", [new("free", 500, 400), new("paid", 500, 600)]);
        AttributeMix segment = new("segment", [new("rare", 10, 1), new("common", 990, 999)]);

        IReadOnlyList<AttributeDifference> result = CohortMix.Compare([segment, plan]);

        result.Select(d => d.Attribute).ShouldBe(["plan", "segment"]);
        result[1].ChiSquare.ShouldBeGreaterThan(result[0].ChiSquare);
    }

    [Fact]
    public void Compare_reports_shares_of_cohort_and_target()
    {
        LevelDifference[] levels = [.. CohortMix.Compare([new AttributeMix("plan", [new("free", 75, 500), new("paid", 25, 500)])]).Single().Levels];

        levels[0].ShouldBe(new LevelDifference("free", 0.75, 0.5, 0.25 / Math.Sqrt(((0.75 * 0.25) + 0.25) / 2)));
        levels[1].CohortShare.ShouldBe(0.25);
        levels[1].TargetShare.ShouldBe(0.5);
    }

    [Fact]
    public void Compare_level_the_target_lacks_but_the_cohort_has_makes_chi_square_infinite()
    {
        AttributeDifference result = CohortMix.Compare([new AttributeMix("country", [new("NZ", 10, 0), new("US", 90, 100), new("DE", 0, 0)])]).Single();

        result.ChiSquare.ShouldBe(double.PositiveInfinity);
        result.PValue.ShouldBe(0);
        result.DegreesOfFreedom.ShouldBe(1);
    }

    [Fact]
    public void Compare_level_neither_has_adds_nothing()
    {
        AttributeDifference with = CohortMix.Compare([new AttributeMix("p", [new("a", 60, 50), new("b", 40, 50), new("c", 0, 0)])]).Single();
        AttributeDifference without = CohortMix.Compare([new AttributeMix("p", [new("a", 60, 50), new("b", 40, 50)])]).Single();

        with.ChiSquare.ShouldBe(without.ChiSquare);
        with.DegreesOfFreedom.ShouldBe(1);
        with.PValue.ShouldBe(without.PValue);
    }

    [Fact]
    public void Compare_refuses_bad_input_naming_what_is_wrong()
    {
        Should.Throw<ArgumentException>(() => CohortMix.Compare([])).Message.ShouldContain("at least one attribute");
        Should.Throw<ArgumentException>(() => CohortMix.Compare([new AttributeMix("p", [new("a", 1, 1)])])).Message.ShouldContain("at least two levels");
        Should.Throw<ArgumentException>(() => CohortMix.Compare([new AttributeMix("p", [new("a", 1, 1), new("a", 1, 1)])])).Message.ShouldContain("distinct");
        Should.Throw<ArgumentOutOfRangeException>(() => CohortMix.Compare([new AttributeMix("p", [new("a", -1, 1), new("b", 1, 1)])])).ParamName.ShouldBe("p.a.CohortUnits");
        Should.Throw<ArgumentException>(() => CohortMix.Compare([new AttributeMix("p", [new("a", 0, 1), new("b", 0, 1)])])).Message.ShouldContain("units in both");
        Should.Throw<ArgumentException>(() => CohortMix.Compare([new AttributeMix("p", [new("a", 1, 1), new("b", 1, 1)]), new AttributeMix("p", [new("a", 1, 1), new("b", 1, 1)])]));
    }
}
