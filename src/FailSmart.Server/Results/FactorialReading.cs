using FailSmart.Core.Model;
using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using StatsDirection = FailSmart.Statistics.MetricDirection;

namespace FailSmart.Server.Results;

/// <summary>
/// A factorial launch's per-cell sums → the Statistics library's factorial analysis → the results' factorial section.
/// The store's per-variation sums are the per-cell sums, since a launch's variations are its cells; each cell key is
/// turned into the bitmask the library indexes cells by (bit j set when feature j is on).
/// </summary>
internal static class FactorialReading
{
    public const string TooEarly = "Too early: every combination of features needs at least two units, and the metric some variation, before the features can be told apart.";

    /// <summary>The metric's factorial section; null for an ordinary experiment.</summary>
    public static FactorialMetricResponse? Read(MetricDefinition definition, ExperimentSubject experiment, IReadOnlyList<VariationStatistics> arms, double alpha)
    {
        if (experiment.Factorial is not { } launch)
        {
            return null;
        }

        IReadOnlyList<string> features = launch.Features;
        if (Cells(experiment, arms) is not { } cells)
        {
            return new FactorialMetricResponse(features, null, null,
                $"The variations are not the launch's {1 << features.Count} cells (one 0 or 1 per feature, such as {new string('1', features.Count)}), so the features cannot be told apart.");
        }

        if (definition.Kind == MetricKind.Quantile)
        {
            return new FactorialMetricResponse(features, null, null,
                "Not for quantile metrics: a factorial launch is read from each cell's mean, rate or ratio; use the per-cell comparisons above.");
        }

        if (Analyze(definition.Kind, cells, features, alpha) is not { } result)
        {
            return new FactorialMetricResponse(features, null, null, TooEarly);
        }

        StatsDirection direction = ExperimentAnalyzer.Direction(definition);
        FactorialSummary summary = FactorialSummary.Summarize(result, direction);
        int allOn = cells.Length - 1;
        return new FactorialMetricResponse(
            features,
            ExperimentAnalyzer.Kebab(summary.Recommendation),
            summary.Explanation,
            Helping: summary.Helping,
            Hurting: summary.Hurting,
            Carrier: summary.Carrier,
            Interacts: summary.Interacts,
            Baseline: ArmComparison.Value(definition.Kind, cells[0]),
            MainEffects: [.. result.MainEffects.Select(t => Term(t, direction))],
            Interactions: [.. result.Interactions.Select(t => Term(t, direction))],
            InteractionTest: new FactorialInteractionTest(result.InteractionTest.ChiSquare, result.InteractionTest.DegreesOfFreedom, result.InteractionTest.PValue),
            Bundle: Effect(result.Bundle),
            Cells: [.. FactorialCells.All(features.Count).Select(key => new FactorialCellResponse(
                key, cells[MaskOf(key)].Units, ArmComparison.Value(definition.Kind, cells[MaskOf(key)]), result.FittedCellMeans[MaskOf(key)]))]);
    }

    /// <summary>
    /// Units to detect a main effect and a two-way interaction of the metric's minimum effect, from its pooled per-unit
    /// standard deviation so far; null before every cell has data, or for a metric it cannot plan (quantiles).
    /// </summary>
    public static FactorialPlanResponse? Plan(MetricDefinition definition, ExperimentSubject experiment, IReadOnlyList<VariationStatistics> arms, double alpha)
    {
        if (experiment.Factorial is not { } launch || definition.Kind == MetricKind.Quantile || Cells(experiment, arms) is not { } cells
            || cells.Any(c => c.Units < 2) || ArmComparison.Value(definition.Kind, cells[0]) is not { } baseline || baseline == 0)
        {
            return null;
        }

        double sd = Math.Sqrt(cells.Sum(c => (c.Units - 1) * UnitVariance(definition.Kind, c)) / cells.Sum(c => c.Units - 1));
        bool assumed = launch.MinimumEffects?.ContainsKey(definition.Key) != true;
        double relative = assumed ? FactorialSubject.AssumedMinimumEffect : launch.MinimumEffects![definition.Key];
        double effect = Math.Abs(relative * baseline);
        if (!(sd > 0) || !double.IsFinite(sd) || !(effect > 0) || !double.IsFinite(effect))
        {
            return null;
        }

        int k = launch.Features.Count;
        long units = cells.Sum(c => c.Units);
        FactorialPlan main = FactorialPlanning.Plan(k, 1, effect, sd, alpha);
        FactorialPlan interaction = FactorialPlanning.Plan(k, 2, effect, sd, alpha);
        return new FactorialPlanResponse(
            definition.Key, relative, assumed, effect, sd, main.Units, interaction.Units, units,
            new FactorialPowerResponse(FactorialPlanning.Power(1, effect, sd, units, alpha), FactorialPlanning.Power(2, effect, sd, units, alpha)));
    }

    /// <summary>The arms in cell order (index = bitmask), or null when the variations are not exactly the launch's cells.</summary>
    private static VariationStatistics[]? Cells(ExperimentSubject experiment, IReadOnlyList<VariationStatistics> arms)
    {
        int k = experiment.Factorial!.Features.Count;
        var cells = new VariationStatistics?[1 << k];
        for (int i = 0; i < experiment.Variations.Count; i++)
        {
            string key = experiment.Variations[i].Key;
            if (!FactorialCells.IsCell(key, k) || cells[MaskOf(key)] is not null)
            {
                return null;
            }

            cells[MaskOf(key)] = arms.FirstOrDefault(a => a.Variation == i) ?? new VariationStatistics(i, 0, 0, 0);
        }

        return cells.All(c => c is not null) ? [.. cells.Select(c => c!)] : null;
    }

    private static FactorialResult? Analyze(MetricKind kind, VariationStatistics[] cells, IReadOnlyList<string> features, double alpha)
    {
        if (cells.Any(c => c.Units < 2))
        {
            return null;
        }

        try
        {
            FactorialResult result = kind switch
            {
                MetricKind.Conversion or MetricKind.Retention =>
                    FactorialAnalysis.Analyze([.. cells.Select(c => new ProportionStatistics(c.Units, c.Sum))], features, alpha),
                MetricKind.Mean or MetricKind.Ratio when cells.All(c => c.Denominator is { Sum: > 0 }) =>
                    FactorialAnalysis.Analyze([.. cells.Select(Ratio)], features, alpha),
                MetricKind.Mean or MetricKind.Ratio => throw new ArgumentException("A cell has no denominator yet."),
                _ => FactorialAnalysis.Analyze([.. cells.Select(c => new MeanStatistics(c.Units, c.Sum, c.SumOfSquares))], features, alpha),
            };
            NormalEstimate[] all = [.. result.MainEffects.Concat(result.Interactions).Select(t => t.Effect), result.Bundle];
            return all.All(e => e.StandardError > 0 && double.IsFinite(e.StandardError) && double.IsFinite(e.Estimate)) ? result : null;
        }
        catch (ArgumentException)
        {
            return null; // a cell without variance or denominator: nothing to tell apart yet
        }
    }

    private static double UnitVariance(MetricKind kind, VariationStatistics cell) => kind switch
    {
        MetricKind.Mean or MetricKind.Ratio => cell.Denominator is { Sum: > 0 } ? Ratio(cell).UnitVariance : double.NaN,
        _ => new MeanStatistics(cell.Units, cell.Sum, cell.SumOfSquares).Variance,
    };

    private static RatioStatistics Ratio(VariationStatistics cell)
    {
        DenominatorSums d = cell.Denominator!;
        return new RatioStatistics(cell.Units, cell.Sum, cell.SumOfSquares, d.Sum, d.SumOfSquares, d.SumOfProducts);
    }

    private static FactorialTermResponse Term(FactorialTerm term, StatsDirection direction)
    {
        // All on minus all off in a term's code: (½)^order − (−½)^order, so 1 for a main effect and 0 for a two-way interaction.
        double weight = Math.Pow(0.5, term.Order) - Math.Pow(-0.5, term.Order);
        return new FactorialTermResponse(term.Name, term.Features, term.Order, Effect(term.Effect), weight * term.Effect.Estimate, Reading(term.Effect, direction));
    }

    private static FactorialEffectResponse Effect(NormalEstimate e) =>
        new(e.Estimate, e.StandardError, e.ConfidenceInterval.Lower, e.ConfidenceInterval.Upper, e.PValue);

    private static string Reading(NormalEstimate e, StatsDirection direction)
    {
        bool up = e.ConfidenceInterval.IsAbove(0), down = e.ConfidenceInterval.IsBelow(0);
        return (up || down) ? (up == (direction == StatsDirection.HigherIsBetter) ? "helps" : "hurts") : "unclear";
    }

    /// <summary>Feature j on ⇔ bit j set; the key's first character is feature 0.</summary>
    private static int MaskOf(string key)
    {
        int mask = 0;
        for (int j = 0; j < key.Length; j++)
        {
            mask |= key[j] == '1' ? 1 << j : 0;
        }

        return mask;
    }
}
