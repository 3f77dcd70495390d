namespace FailSmart.Application.Demo;

/// <summary>What a demo generation wrote.</summary>
/// <param name="Seed">The seed; the same seed writes the same units, events and checksum.</param>
/// <param name="Units">Simulated units (people).</param>
/// <param name="Exposures">Exposures imported.</param>
/// <param name="MetricEvents">Metric events imported.</param>
/// <param name="ValueSum">The sum of every imported metric event's value.</param>
/// <param name="Checksum">SHA-256 of every imported row with times relative to the simulation's start, so two generations compare without their dates.</param>
/// <param name="From">When the simulated history begins.</param>
/// <param name="To">When it ends (the moment the generation began).</param>
/// <param name="Took">How long the generation took.</param>
/// <param name="PlantedEffects">The true relative effect of each treatment on each metric, as simulated.</param>
public sealed record DemoSummary(
    int Seed,
    int Units,
    long Exposures,
    long MetricEvents,
    double ValueSum,
    string Checksum,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Took,
    IReadOnlyList<PlantedEffect> PlantedEffects);
