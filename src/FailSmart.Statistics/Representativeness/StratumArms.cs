namespace FailSmart.Statistics;

/// <summary>
/// One stratum of the cohort (a country, say): the metric's sufficient statistics in each arm and the stratum's
/// units in the target population.
/// </summary>
public sealed record StratumArms(string Level, MeanStatistics Control, MeanStatistics Treatment, double TargetUnits)
{
    /// <summary>A conversion metric: a proportion is the mean of 0/1 outcomes, so Σy = Σy² = conversions.</summary>
    public static StratumArms ForProportions(string level, ProportionStatistics control, ProportionStatistics treatment, double targetUnits) =>
        new(level, new MeanStatistics(control.N, control.Successes, control.Successes), new MeanStatistics(treatment.N, treatment.Successes, treatment.Successes), targetUnits);
}
