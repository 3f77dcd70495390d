namespace FailSmart.Core.Bucketing;

/// <summary>A half-open range [Start, End) of the unit interval, as GrowthBook's variation ranges.</summary>
public readonly record struct BucketRange(double Start, double End)
{
    public bool Contains(double point) => point >= Start && point < End;

    public double Width => End - Start;

    public override string ToString() => FormattableString.Invariant($"[{Start}, {End})");
}
