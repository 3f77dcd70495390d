using System.Text.Json;

namespace FailSmart.Statistics.Tests.Factorial;

/// <summary>
/// Every estimate, robust standard error, p-value and interval, the interaction Wald test and the bundle effect
/// against statsmodels OLS with cov_type="HC1" on the unit rows (reference/factorial_reference.py): k = 2, 3 and 5,
/// unbalanced cells, a planted interaction, the two-way model, a conversion metric and a ratio metric.
/// </summary>
public sealed class FactorialAnalysisReferenceTests
{
    // statsmodels solves on the rows by pseudo-inverse, FailSmart on the cells by Cholesky: they agree to rounding.
    private const double Relative = 1e-8;

    public static TheoryData<string> Cases => FactorialReference.Ids();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_matches_statsmodels_hc1_coefficient_by_coefficient(string id)
    {
        JsonElement c = FactorialReference.Case(id);
        JsonElement expected = c.GetProperty("expected");
        FactorialResult result = FactorialReference.Analyze(c);

        int[] terms = [.. expected.GetProperty("terms").EnumerateArray().Select(t => t.GetInt32())];
        FactorialTerm[] actual = [.. new[] { new FactorialTerm("(intercept)", [], 0, result.Intercept) }.Concat(result.MainEffects).Concat(result.Interactions)];
        actual.Select(t => t.Mask).ShouldBe(terms);
        double[] p = FactorialReference.Doubles(expected, "params");
        double[] se = FactorialReference.Doubles(expected, "bse");
        double[] pv = FactorialReference.Doubles(expected, "pvalues");
        double[] lo = FactorialReference.Doubles(expected, "ci_lower");
        double[] hi = FactorialReference.Doubles(expected, "ci_upper");
        for (int j = 0; j < terms.Length; j++)
        {
            Close(actual[j].Effect.Estimate, p[j], $"{id} term {terms[j]} estimate");
            Close(actual[j].Effect.StandardError, se[j], $"{id} term {terms[j]} se");
            Close(actual[j].Effect.PValue, pv[j], $"{id} term {terms[j]} p");
            Close(actual[j].Effect.ConfidenceInterval.Lower, lo[j], $"{id} term {terms[j]} lower");
            Close(actual[j].Effect.ConfidenceInterval.Upper, hi[j], $"{id} term {terms[j]} upper");
        }

        expected.GetProperty("use_t").GetBoolean().ShouldBeFalse("statsmodels reads a robust covariance against the normal");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_interaction_wald_test_matches_statsmodels(string id)
    {
        JsonElement c = FactorialReference.Case(id);
        JsonElement expected = c.GetProperty("expected");
        FactorialResult result = FactorialReference.Analyze(c);

        result.InteractionTest.DegreesOfFreedom.ShouldBe(expected.GetProperty("wald_df").GetInt32());
        Close(result.InteractionTest.ChiSquare, expected.GetProperty("wald_chi2").GetDouble(), $"{id} wald");
        Close(result.InteractionTest.PValue, expected.GetProperty("wald_p").GetDouble(), $"{id} wald p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_bundle_and_fitted_cell_means_match_statsmodels(string id)
    {
        JsonElement c = FactorialReference.Case(id);
        JsonElement expected = c.GetProperty("expected");
        FactorialResult result = FactorialReference.Analyze(c);

        Close(result.Bundle.Estimate, expected.GetProperty("bundle").GetDouble(), $"{id} bundle");
        Close(result.Bundle.StandardError, expected.GetProperty("bundle_se").GetDouble(), $"{id} bundle se");
        Close(result.Bundle.PValue, expected.GetProperty("bundle_p").GetDouble(), $"{id} bundle p");
        double[] ci = FactorialReference.Doubles(expected, "bundle_ci");
        Close(result.Bundle.ConfidenceInterval.Lower, ci[0], $"{id} bundle lower");
        Close(result.Bundle.ConfidenceInterval.Upper, ci[1], $"{id} bundle upper");
        double[] fitted = FactorialReference.Doubles(expected, "fitted");
        for (int cell = 0; cell < fitted.Length; cell++)
        {
            Close(result.FittedCellMeans[cell], fitted[cell], $"{id} fitted {cell}");
        }
    }

    [Fact]
    public void Analyze_planted_interaction_is_found_and_the_bundle_hides_both_gains()
    {
        // Each feature alone adds about +0.7, together they add nothing: the interaction test must say so.
        FactorialResult result = FactorialReference.Analyze(FactorialReference.Case("k2_planted_interaction"));

        result.InteractionTest.PValue.ShouldBeLessThan(1e-6);
        result.Interactions.Single().Effect.Estimate.ShouldBeLessThan(-1);
        result.Bundle.ConfidenceInterval.Contains(0).ShouldBeTrue();
    }

    private static void Close(double actual, double expected, string what) =>
        actual.ShouldBe(expected, Math.Max(1e-13, Math.Abs(expected) * Relative), what);
}
