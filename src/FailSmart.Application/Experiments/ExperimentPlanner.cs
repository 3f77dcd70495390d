using FailSmart.Protocol.Admin;
using FailSmart.Statistics;

namespace FailSmart.Application.Experiments;

/// <summary>
/// The experiment plan: for each candidate allocation, the days to a decision and the expected cost of
/// learning, computed by <see cref="LearningCostPlanner"/> exactly as <c>failsmart stats plan</c> does. The
/// wizard, the launch checklist and the CLI all go through <see cref="Costs"/>, so they cannot disagree.
/// </summary>
public static class ExperimentPlanner
{
    /// <summary>The planner's rows for treatment shares against a control share (null: the rest of the traffic).</summary>
    /// <exception cref="ArgumentException">An input the planner cannot use (a non-positive variance, a share outside (0, 1]).</exception>
    public static IReadOnlyList<LearningCostRow> Costs(
        double baseline, double variance, double unitsPerDay, IReadOnlyList<double> treatmentShares, double effect, double valuePerUnit,
        double alpha, double power, double? controlShare = null, DateOnly? start = null) =>
        LearningCostPlanner.Plan(new LearningCostRequest(baseline, variance, unitsPerDay, treatmentShares, effect, valuePerUnit, alpha, power, controlShare, start));

    /// <summary>The plan per allocation, or the problems of its inputs by field (baseline, variance, unitsPerDay, minimumEffect, valuePerUnit, allocations, weights).</summary>
    public static (IReadOnlyList<PlanRow> Rows, IReadOnlyList<FieldProblem> Problems) Plan(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        List<FieldProblem> problems = Check(input);
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var rows = new List<PlanRow>(input.Allocations.Count);
        foreach (double allocation in input.Allocations)
        {
            LearningCostRow row = Costs(
                input.Baseline!.Value, input.EffectiveVariance!.Value, input.UnitsPerDay!.Value, [allocation * input.TreatmentWeight], input.MinimumEffect!.Value,
                input.ValuePerUnit!.Value, input.Alpha, input.Power, allocation * input.ControlWeight, input.Start)[0];
            rows.Add(new PlanRow(allocation, row));
        }

        return (rows, []);
    }

    private static List<FieldProblem> Check(PlanInput input)
    {
        var problems = new List<FieldProblem>();
        if (input.Baseline is not { } baseline || !double.IsFinite(baseline))
        {
            problems.Add(new("baseline", "The plan needs the primary metric's baseline.", "Enter its recent per-unit mean, or its rate for a conversion (0.3 for 30%)."));
        }
        else if (input.Proportion && baseline is <= 0 or >= 1)
        {
            problems.Add(new("baseline", $"A rate of {baseline} is not between 0 and 1.", "Enter the rate as a fraction, e.g. 0.3 for 30%."));
        }
        else if (baseline == 0)
        {
            problems.Add(new("baseline", "A baseline of 0 has no relative effect.", "Enter the metric's recent per-unit mean."));
        }

        if (!input.Proportion && input.Variance is not (> 0 and < double.PositiveInfinity))
        {
            problems.Add(new("variance", "The plan needs the metric's per-unit variance, greater than 0.", "Enter the variance of one unit's value (the square of its standard deviation)."));
        }

        if (input.UnitsPerDay is not (> 0 and < double.PositiveInfinity))
        {
            problems.Add(new("unitsPerDay", "The plan needs the eligible units a day, greater than 0.", "Enter how many new units a day reach the flag."));
        }

        if (input.MinimumEffect is not { } effect || effect == 0 || !double.IsFinite(effect))
        {
            problems.Add(new("minimumEffect", "The plan needs a minimum effect other than 0: no sample size detects no effect.", "Enter the smallest relative change worth acting on, e.g. 0.02 for 2%."));
        }

        if (input.ValuePerUnit is not (>= 0 and < double.PositiveInfinity))
        {
            problems.Add(new("valuePerUnit", "The plan needs what one unit of the metric is worth, 0 or more.", "Enter, e.g., the revenue of one retained user; 0 prices nothing."));
        }

        if (input.Allocations.Count == 0 || input.Allocations.Any(a => a is not (> 0 and <= 1)))
        {
            problems.Add(new("allocations", "Every allocation must be a share of traffic above 0% and at most 100%.", "Enter shares such as 10 for 10% of traffic."));
        }

        if (input.ControlWeight is not (> 0 and < 1) || input.TreatmentWeight is not (> 0 and < 1) || input.ControlWeight + input.TreatmentWeight > 1 + 1e-9)
        {
            problems.Add(new("weights", "The control and the smallest treatment each need a weight above 0, together at most 1.", "Give every variation a weight, e.g. 0.5 and 0.5."));
        }

        return problems;
    }
}
