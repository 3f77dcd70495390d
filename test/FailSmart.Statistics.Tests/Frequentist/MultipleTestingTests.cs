namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class MultipleTestingTests
{
    private static readonly double[] s_p = [0.01, 0.04, 0.03, 0.20];

    [Fact]
    public void Holm_matches_statsmodels_multipletests()
    {
        // statsmodels multipletests([0.01, 0.04, 0.03, 0.20], method="holm"): [0.04, 0.09, 0.09, 0.2].
        AdjustedPValues r = MultipleTesting.Holm(s_p);

        r.PValues.ShouldBe([0.04, 0.09, 0.09, 0.2], 1e-15);
        r.Rejected.ShouldBe([true, false, false, false]);
    }

    [Fact]
    public void BenjaminiHochberg_matches_statsmodels_multipletests()
    {
        // statsmodels multipletests(..., method="fdr_bh"): [0.04, 0.0533…, 0.0533…, 0.2].
        AdjustedPValues r = MultipleTesting.BenjaminiHochberg(s_p);

        r.PValues.ShouldBe([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2], 1e-15);
        r.Rejected.ShouldBe([true, false, false, false]);
    }
}
