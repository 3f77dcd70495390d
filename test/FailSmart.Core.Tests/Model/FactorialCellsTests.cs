using FailSmart.Core.Model;

namespace FailSmart.Core.Tests.Model;

/// <summary>A factorial launch's cell names: one 0 or 1 per feature, in declared order.</summary>
public sealed class FactorialCellsTests
{
    [Fact]
    public void All_lists_every_cell_once_in_binary_order_with_the_first_feature_highest()
    {
        FactorialCells.All(2).ShouldBe(["00", "01", "10", "11"]);
        FactorialCells.All(3).ShouldBe(["000", "001", "010", "011", "100", "101", "110", "111"]);
        FactorialCells.All(5).Count.ShouldBe(32);
        FactorialCells.All(5).Distinct().Count().ShouldBe(32);
    }

    [Fact]
    public void KeyOf_and_Parse_are_inverse()
    {
        FactorialCells.KeyOf([true, false, true]).ShouldBe("101");
        FactorialCells.Parse("101").ShouldBe([true, false, true]);
        foreach (string cell in FactorialCells.All(4))
        {
            FactorialCells.KeyOf(FactorialCells.Parse(cell)).ShouldBe(cell);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("on")]
    public void Parse_refuses_what_is_not_a_cell(string key)
    {
        Should.Throw<FormatException>(() => FactorialCells.Parse(key));
    }

    [Fact]
    public void IsCell_checks_the_length_and_the_digits()
    {
        FactorialCells.IsCell("10", 2).ShouldBeTrue();
        FactorialCells.IsCell("10", 3).ShouldBeFalse();
        FactorialCells.IsCell("12", 2).ShouldBeFalse();
    }

    [Fact]
    public void Variations_share_the_traffic_equally()
    {
        IReadOnlyList<ExperimentVariation> cells = FactorialCells.Variations(3);

        cells.Select(v => v.Key).ShouldBe(FactorialCells.All(3));
        cells.ShouldAllBe(v => v.Weight == 0.125);
    }

    [Fact]
    public void IndexOf_finds_a_feature_by_its_flag()
    {
        var design = new FactorialDesign([new FactorialFeature("a", "s-a"), new FactorialFeature("b", "s-b")]);

        design.IndexOf("b").ShouldBe(1);
        design.IndexOf("c").ShouldBe(-1);
        FactorialDesign.DefaultSeed("launch", "a").ShouldBe("launch:a");
    }
}
