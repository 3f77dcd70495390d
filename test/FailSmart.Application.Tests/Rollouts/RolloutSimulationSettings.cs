namespace FailSmart.Application.Tests.Rollouts;

/// <summary>The simulated world: traffic, the guardrail's baseline and margin, the stage minimums and how many runs.</summary>
internal sealed record RolloutSimulationSettings
{
    public long UnitsPerDay { get; init; } = 100_000;

    public double Baseline { get; init; } = 0.30;

    /// <summary>Half a point on a 30% baseline.</summary>
    public double RelativeMargin { get; init; } = 0.005 / 0.30;

    public double Holdback { get; init; } = 0.01;

    public TimeSpan MinDuration { get; init; } = TimeSpan.FromDays(1);

    public long MinUnits { get; init; } = 1_000;

    public int Runs { get; init; } = 1_000;

    /// <summary>Whether each stage starts with the harm evidence the previous one ended with, as the engine passes it.</summary>
    public bool CarryEvidence { get; init; } = true;

    /// <summary>Longer than any rollout can last: every stage pauses after at most seven days.</summary>
    public int HorizonDays { get; init; } = 60;
}
