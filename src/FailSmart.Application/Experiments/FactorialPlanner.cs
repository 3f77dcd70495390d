using FailSmart.Statistics;

namespace FailSmart.Application.Experiments;

/// <summary>
/// The plan of a factorial launch from the same inputs as an experiment plan: the units, and the days at an allocation,
/// to detect one feature's own effect (a main effect) and a two-way interaction of the minimum effect's size. An
/// interaction's estimate has four times a main effect's variance, so it needs about four times the units. The wizard and
/// <c>failsmart stats plan --factorial</c> both go through <see cref="Plan"/>.
/// </summary>
public static class FactorialPlanner
{
    /// <summary>
    /// The launch's plan at a share of traffic, or null while the inputs are incomplete (<see cref="ExperimentPlanner.Plan"/>
    /// names what is missing). Every unit the launch enrols lands in some cell, so it is planned on all of the allocation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 or more than 5 features, or an allocation outside (0, 1].</exception>
    public static FactorialPlanRow? Plan(PlanInput input, int features, double allocation)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, FactorialAnalysis.MinFeatures);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(features, FactorialAnalysis.MaxFeatures);
        if (allocation is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(allocation), allocation, "The allocation is a share of traffic above 0 and at most 1.");
        }

        if (input.Baseline is not { } baseline || input.EffectiveVariance is not (> 0 and < double.PositiveInfinity) || input.MinimumEffect is not { } relative
            || input.UnitsPerDay is not (> 0 and < double.PositiveInfinity) || !(Math.Abs(relative * baseline) is > 0 and < double.PositiveInfinity))
        {
            return null;
        }

        double effect = Math.Abs(relative * baseline);
        double sd = Math.Sqrt(input.EffectiveVariance.Value);
        FactorialPlan main = FactorialPlanning.Plan(features, 1, effect, sd, input.Alpha, input.Power);
        FactorialPlan interaction = FactorialPlanning.Plan(features, 2, effect, sd, input.Alpha, input.Power);
        double perDay = input.UnitsPerDay.Value * allocation;
        return new FactorialPlanRow(features, allocation, effect, main.Units, interaction.Units, Days(main.Units, perDay), Days(interaction.Units, perDay));
    }

    private static int Days(long units, double perDay) => (int)Math.Min(int.MaxValue, Math.Ceiling(units / perDay));
}

/// <summary>A factorial launch's plan at one allocation.</summary>
/// <param name="Features">The features the launch crosses (2 to 5).</param>
/// <param name="Allocation">The share of traffic the launch enrols.</param>
/// <param name="AbsoluteEffect">The minimum effect in the metric's own unit: the relative one times the baseline.</param>
/// <param name="MainEffectUnits">Units in all to detect a feature's own effect of that size.</param>
/// <param name="InteractionUnits">Units in all to detect a two-way interaction of that size: about four times as many.</param>
/// <param name="MainEffectDays">Whole days to enrol <see cref="MainEffectUnits"/> at the allocation.</param>
/// <param name="InteractionDays">Whole days to enrol <see cref="InteractionUnits"/>.</param>
public sealed record FactorialPlanRow(int Features, double Allocation, double AbsoluteEffect, long MainEffectUnits, long InteractionUnits, int MainEffectDays, int InteractionDays)
{
    /// <summary>How many times a main effect's units an interaction needs.</summary>
    public double InteractionRatio => (double)InteractionUnits / MainEffectUnits;
}
