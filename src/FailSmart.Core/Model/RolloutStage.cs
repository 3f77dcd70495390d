using System.Globalization;

namespace FailSmart.Core.Model;

/// <summary>The fraction of a rule's audience a rollout reaches, in [0, 1].</summary>
public readonly record struct RolloutStage(double Fraction)
{
    /// <summary>
    /// The default ladder 1% → 5% → 10% → 25% → 50% → 100%. In a guarded rollout these are shares of
    /// the units not held back, so with the default 1% holdback the last stage is 99% of all units.
    /// </summary>
    public static IReadOnlyList<RolloutStage> DefaultLadder { get; } =
        [new(0.01), new(0.05), new(0.10), new(0.25), new(0.50), new(1.0)];

    /// <summary>
    /// The fraction a percentage names: its decimal text divided by 100 and rounded once, so 0.7% is
    /// exactly 0.007. (0.7 / 100 in binary is 0.006999999999999999, one step below the unit whose hash is
    /// 0.007, which GrowthBook's <c>n &lt;= coverage</c> includes at coverage 0.007.)
    /// </summary>
    public static RolloutStage FromPercent(double percent)
    {
        // Outside this range there is no bucket edge a rounding step could cross; decimal holds the rest exactly.
        if (!(Math.Abs(percent) is >= 1e-9 and <= 1e15))
        {
            return new(percent / 100);
        }

        decimal exact = decimal.Parse(percent.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return new(double.Parse((exact / 100m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    public double Percent => Fraction * 100;

    public bool IsValid => Fraction is >= 0 and <= 1;
}
