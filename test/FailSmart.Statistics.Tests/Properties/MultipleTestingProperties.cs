using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Statistics.Tests.Properties;

/// <summary>Invariants of Holm and Benjamini–Hochberg that hold for any set of p-values.</summary>
public sealed class MultipleTestingProperties
{
    private static double[] ToPValues(int[] raw) => [.. raw.Select(r => (Math.Abs((long)r) % 1_000_001) / 1_000_000.0)];

    [Property(MaxTest = 300)]
    public Property Adjusted_p_values_lie_between_raw_p_and_one(int[] raw)
    {
        double[] p = ToPValues(raw);
        AdjustedPValues holm = MultipleTesting.Holm(p);
        AdjustedPValues bh = MultipleTesting.BenjaminiHochberg(p);
        bool ok = p.Select((v, i) => holm.PValues[i] >= v && holm.PValues[i] <= 1 && bh.PValues[i] >= v && bh.PValues[i] <= 1).All(x => x);
        return ok.ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Holm_is_never_less_strict_than_Benjamini_Hochberg(int[] raw)
    {
        double[] p = ToPValues(raw);
        AdjustedPValues holm = MultipleTesting.Holm(p);
        AdjustedPValues bh = MultipleTesting.BenjaminiHochberg(p);
        return p.Select((_, i) => holm.PValues[i] >= bh.PValues[i] - 1e-15 && (!holm.Rejected[i] || bh.Rejected[i])).All(x => x).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Adjustment_preserves_the_order_of_p_values(int[] raw)
    {
        double[] p = ToPValues(raw);
        AdjustedPValues holm = MultipleTesting.Holm(p);
        bool ok = true;
        for (int i = 0; i < p.Length; i++)
        {
            for (int j = 0; j < p.Length; j++)
            {
                ok &= !(p[i] < p[j]) || holm.PValues[i] <= holm.PValues[j];
            }
        }

        return ok.ToProperty();
    }
}
