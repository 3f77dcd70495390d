namespace FailSmart.Statistics;

/// <summary>Argument checks shared by the public entry points.</summary>
internal static class Guard
{
    public static void Arm(long n, string name)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(name, n, "Each arm needs at least two units to estimate a variance.");
        }
    }

    public static void Alpha(double alpha, string name = "alpha")
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(name, alpha, "Alpha must lie strictly between 0 and 1.");
        }
    }

    public static void Probability(double p, string name)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(name, p, "The value must lie strictly between 0 and 1.");
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be positive and finite.");
        }
    }

    /// <summary>Rejects negative or infinite values; NaN passes so that undefined results propagate.</summary>
    public static void NotNegative(double value, string name)
    {
        if (value < 0 || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be zero or positive and finite.");
        }
    }
}
