namespace FailSmart.Storage.Events;

/// <summary>Caps each unit's value so a few extreme units cannot dominate a mean.</summary>
/// <param name="Kind">A fixed value or a percentile.</param>
/// <param name="Value">The cap itself (Fixed), or the percentile as a fraction in (0, 1] (Percentile).</param>
public sealed record Capping(CappingKind Kind, double Value)
{
    /// <summary>Caps at a fixed value.</summary>
    public static Capping AtValue(double value) => new(CappingKind.Fixed, value);

    /// <summary>Caps at a percentile, given as a fraction (0.99 for the 99th percentile).</summary>
    public static Capping AtPercentile(double fraction) => new(CappingKind.Percentile, fraction);
}
