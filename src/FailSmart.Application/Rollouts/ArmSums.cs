namespace FailSmart.Application.Rollouts;

/// <summary>One arm's sufficient statistics for one metric: units, Σ Y and Σ Y² (Y per unit, zeros included).</summary>
public readonly record struct ArmSums(long Units, double Sum, double SumOfSquares)
{
    public static ArmSums operator +(ArmSums a, ArmSums b) => new(a.Units + b.Units, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);
}
