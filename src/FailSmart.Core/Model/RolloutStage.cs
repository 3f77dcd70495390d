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

    public static RolloutStage FromPercent(double percent) => new(percent / 100);

    public double Percent => Fraction * 100;

    public bool IsValid => Fraction is >= 0 and <= 1;
}
