namespace FailSmart.Statistics;

/// <summary>A closed interval [Lower, Upper], used for confidence and credible intervals.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>True when the whole interval lies above <paramref name="value"/>.</summary>
    public bool IsAbove(double value) => Lower > value;

    /// <summary>True when the whole interval lies below <paramref name="value"/>.</summary>
    public bool IsBelow(double value) => Upper < value;

    public double Width => Upper - Lower;

    /// <summary>True when both bounds are finite numbers.</summary>
    public bool IsFinite => double.IsFinite(Lower) && double.IsFinite(Upper);
}
