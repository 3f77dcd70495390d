using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Prices learning speed against exposure. For each candidate allocation a, with U units per day and
/// control share c, the difference in means has variance σ²(1/(aUd) + 1/(cUd)) after d days; the test
/// detects an effect δ = |baseline × relative effect| with the requested power once
/// d ≥ σ²(1/a + 1/c)(z₁₋α/₂ + z_power)² / (U δ²). The cost of learning is the harm the treatment's
/// units bear meanwhile: a·U·d × δ × value per unit. Bigger cohorts learn faster, and the product
/// of speed and exposure is what this table lays out.
/// </summary>
public static class LearningCostPlanner
{
    public static IReadOnlyList<LearningCostRow> Plan(LearningCostRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Positive(request.Variance, nameof(request.Variance));
        Guard.Positive(request.UnitsPerDay, nameof(request.UnitsPerDay));
        Guard.Alpha(request.Alpha);
        Guard.Probability(request.Power, nameof(request.Power));
        double delta = Math.Abs(request.BaselineMean * request.RelativeEffect);
        Guard.Positive(delta, nameof(request.RelativeEffect));
        double z = StandardNormal.UpperQuantile(request.Alpha / 2) + StandardNormal.Quantile(request.Power);

        var rows = new List<LearningCostRow>(request.Allocations.Count);
        foreach (double a in request.Allocations)
        {
            Guard.Probability(a, nameof(request.Allocations));
            double c = request.ControlShare ?? (1 - a);
            Guard.Probability(c, nameof(request.ControlShare));
            if (a + c > 1 + 1e-12)
            {
                throw new ArgumentException($"Allocation {a} plus control share {c} exceeds all traffic.", nameof(request));
            }

            double exactDays = request.Variance * ((1 / a) + (1 / c)) * z * z / (request.UnitsPerDay * delta * delta);
            int days = (int)Math.Max(1, Math.Ceiling(exactDays - 1e-9));
            long treatmentUnits = (long)Math.Round(a * request.UnitsPerDay * days);
            long controlUnits = (long)Math.Round(c * request.UnitsPerDay * days);
            double cost = treatmentUnits * delta * request.ValuePerUnit;
            double se = Math.Sqrt(request.Variance * ((1 / (a * request.UnitsPerDay * days)) + (1 / (c * request.UnitsPerDay * days))));
            double zCrit = StandardNormal.UpperQuantile(request.Alpha / 2);
            double power = StandardNormal.Survival(zCrit - (delta / se)) + StandardNormal.Cdf(-zCrit - (delta / se));
            rows.Add(new LearningCostRow(
                a,
                c,
                a * request.UnitsPerDay,
                days,
                power,
                request.StartDate?.AddDays(days),
                treatmentUnits,
                controlUnits,
                delta,
                cost,
                cost / days));
        }

        return rows;
    }
}
