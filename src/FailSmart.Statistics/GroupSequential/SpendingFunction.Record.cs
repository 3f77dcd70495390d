using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>An alpha-spending function: cumulative one-sided α allowed by information fraction t.</summary>
public sealed record SpendingFunction(SpendingFamily Family, double Gamma = 2)
{
    public static SpendingFunction OBrienFleming { get; } = new(SpendingFamily.OBrienFleming);

    public static SpendingFunction Pocock { get; } = new(SpendingFamily.Pocock);

    public static SpendingFunction PowerFamily(double gamma) => new(SpendingFamily.Power, gamma);

    /// <summary>Cumulative α spent by information fraction <paramref name="t"/> (0 &lt; t ≤ 1).</summary>
    public double Spent(double alpha, double t)
    {
        if (t <= 0)
        {
            return 0;
        }

        t = Math.Min(t, 1);
        return Family switch
        {
            SpendingFamily.OBrienFleming => 2 * StandardNormal.Survival(StandardNormal.UpperQuantile(alpha / 2) / Math.Sqrt(t)),
            SpendingFamily.Pocock => alpha * Math.Log(1 + ((Math.E - 1) * t)),
            SpendingFamily.Power => alpha * Math.Pow(t, Gamma),
            SpendingFamily.HwangShihDeCani => alpha * (1 - Math.Exp(-Gamma * t)) / (1 - Math.Exp(-Gamma)),
            _ => throw new InvalidOperationException($"Unknown spending family {Family}."),
        };
    }
}
