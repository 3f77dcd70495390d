using System.Globalization;
using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// The experiment-level decision, after the risk-aware rule of Schultzberg, Ankargren &amp; Frånberg
/// (2024), "Risk-aware product decisions in A/B tests with multiple metrics": ship a treatment only when
/// at least one primary metric improves (Holm across primaries × treatments, family-wise α), every
/// guardrail shows non-inferiority against its margin (each at α, no correction, since requiring all of
/// them can only lower the false-ship rate; the power is planned instead, each guardrail at 1 − β/G),
/// no primary metric or guardrail got worse, and no check is red. Secondary metrics get
/// Benjamini–Hochberg and never decide. Every test reads the always-valid interval or p-value, so the
/// verdict may be read at every look. The planned sample is the largest of the primaries' plans and the
/// sample each guardrail needs for that power at its current standard error.
/// </summary>
public static class ExperimentVerdict
{
    public const string Holm = "holm";
    public const string BenjaminiHochberg = "benjamini-hochberg";
    public const string NoCorrection = "none";

    public static Verdict Decide(VerdictInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Guard.Alpha(input.Alpha);
        if (!(input.Power > 0 && input.Power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Power, "The power must lie strictly between 0 and 1.");
        }

        IReadOnlyList<VerdictMetric> metrics = input.Metrics;
        var readings = new VerdictReading[metrics.Count];
        Correct(metrics, VerdictRole.Primary, p => MultipleTesting.Holm(p, input.Alpha), Holm, readings);
        Correct(metrics, VerdictRole.Secondary, p => MultipleTesting.BenjaminiHochberg(p, input.Alpha), BenjaminiHochberg, readings);
        for (int i = 0; i < metrics.Count; i++)
        {
            if (metrics[i].Role == VerdictRole.Guardrail)
            {
                double p = PValue(metrics[i]);
                readings[i] = new VerdictReading(metrics[i].Metric, metrics[i].Variation, VerdictRole.Guardrail, p, NoCorrection, p < input.Alpha, NonInferior(metrics[i]));
            }
        }

        long planned = PlannedUnits(input);
        bool reached = planned > 0 && input.Units >= planned;
        DateTimeOffset? eta = Eta(input, planned);
        if (input.RedChecks.Count > 0)
        {
            return new Verdict(VerdictKind.Invalid, $"Invalid: {string.Join("; ", input.RedChecks)}. Fix the cause and restart in a new phase; no metric of this phase can be trusted.", null, null, planned, readings);
        }

        string[] variations = [.. metrics.Select(m => m.Variation).Distinct(StringComparer.Ordinal)];
        var states = variations.Select(v => Read(v, metrics, readings)).ToList();
        if (metrics.All(m => m.Role != VerdictRole.Primary))
        {
            return states.FirstOrDefault(s => s.Harm is not null) is { Harm: { } onlyHarm }
                ? Make(VerdictKind.DoNotShip, $"Do not ship: {onlyHarm}.", null)
                : Make(VerdictKind.KeepRunning, "No verdict without a primary metric: name the metric this experiment should move, with role primary.", null);
        }

        if (states.Where(s => s.Best is not null && s.GuardrailsHold && s.Harm is null).MinBy(s => s.BestP) is { } ship)
        {
            return Make(VerdictKind.Ship, $"Ship {ship.Variation}: {ship.Best} (Holm-adjusted p {P(ship.BestP)}), and every guardrail rules out a loss beyond its margin.", ship.Variation);
        }

        if (states.All(s => s.Harm is not null))
        {
            return Make(VerdictKind.DoNotShip, $"Do not ship: {string.Join("; ", states.Select(s => s.Harm))}.", null);
        }

        if (!reached)
        {
            string harm = string.Join("", states.Where(s => s.Harm is not null).Select(s => $" Meanwhile {s.Harm}."));
            string when = eta is { } date
                ? $"the planned sample of {N(planned)} units is expected by {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} at the current rate"
                : $"the planned sample is {N(planned)} units; the traffic rate is not known yet, so no date can be given";
            return Make(VerdictKind.KeepRunning, $"Keep running: {N(input.Units)} units so far; {when}.{harm}", null);
        }

        if (states.FirstOrDefault(s => s.Harm is null && s.Best is not null && !s.GuardrailsHold) is { } unproven)
        {
            return Make(VerdictKind.DoNotShip, $"Do not ship {unproven.Variation}: {unproven.Best}, but at the planned sample {unproven.Unproven} could not rule out a loss beyond its margin.", null);
        }

        if (states.FirstOrDefault(s => s.Harm is not null) is { Harm: { } someHarm })
        {
            return Make(VerdictKind.DoNotShip, $"Do not ship: {someHarm}; no other treatment improved a primary metric.", null);
        }

        return Make(VerdictKind.StopForFutility, $"Stop for futility: the planned sample of {N(planned)} units was reached and no primary metric improved; any effect is smaller than this test could detect.", null);

        Verdict Make(VerdictKind kind, string reason, string? variation) =>
            new(kind, reason, variation, kind == VerdictKind.KeepRunning ? eta : null, planned, readings);
    }

    private static VariationState Read(string variation, IReadOnlyList<VerdictMetric> metrics, VerdictReading[] readings)
    {
        string? harm = null, best = null, unproven = null;
        double bestP = double.PositiveInfinity;
        bool guardrailsHold = true;
        for (int i = 0; i < metrics.Count; i++)
        {
            VerdictMetric m = metrics[i];
            if (m.Variation != variation || m.Role == VerdictRole.Secondary)
            {
                continue;
            }

            bool higher = m.Direction == MetricDirection.HigherIsBetter;
            Interval ci = m.AlwaysValidInterval;
            if (harm is null && (higher ? ci.IsBelow(0) : ci.IsAbove(0)))
            {
                harm = $"{m.Metric} got worse for {variation}, {Range(m)}";
            }

            if (m.Role == VerdictRole.Primary && readings[i].Significant && (higher ? m.Estimate > 0 : m.Estimate < 0) && readings[i].AdjustedPValue < bestP)
            {
                bestP = readings[i].AdjustedPValue;
                best = $"{m.Metric} improved {Range(m)}";
            }

            if (m.Role == VerdictRole.Guardrail && m.Margin > 0 && readings[i].NonInferior != true)
            {
                guardrailsHold = false;
                unproven ??= $"guardrail {m.Metric} ({Range(m)}, margin {DecisionRules.Percent(m.Margin, false)})";
            }
        }

        return new VariationState(variation, harm, best, bestP, guardrailsHold, unproven);
    }

    private static void Correct(IReadOnlyList<VerdictMetric> metrics, VerdictRole role, Func<IReadOnlyList<double>, AdjustedPValues> correction, string name, VerdictReading[] readings)
    {
        int[] at = [.. Enumerable.Range(0, metrics.Count).Where(i => metrics[i].Role == role)];
        if (at.Length == 0)
        {
            return;
        }

        AdjustedPValues adjusted = correction([.. at.Select(i => PValue(metrics[i]))]);
        for (int k = 0; k < at.Length; k++)
        {
            VerdictMetric m = metrics[at[k]];
            readings[at[k]] = new VerdictReading(m.Metric, m.Variation, role, adjusted.PValues[k], name, adjusted.Rejected[k], null);
        }
    }

    // An always-valid p-value that could not be computed is no evidence: read it as 1.
    private static double PValue(VerdictMetric m) => m.AlwaysValidPValue is >= 0 and <= 1 ? m.AlwaysValidPValue : 1;

    private static bool? NonInferior(VerdictMetric m)
    {
        if (!(m.Margin > 0))
        {
            return null;
        }

        return m.Direction == MetricDirection.HigherIsBetter ? m.AlwaysValidInterval.Lower > -m.Margin : m.AlwaysValidInterval.Upper < m.Margin;
    }

    /// <summary>
    /// The largest of the primaries' plans and, for each guardrail with a margin, the units at which its
    /// one-sided test at α/2 has power 1 − β/G when the true effect is zero: n·((z₁₋α/₂ + z₁₋β/G)·SE / margin)²,
    /// scaling the current standard error by √(n/N).
    /// </summary>
    private static long PlannedUnits(VerdictInput input)
    {
        long planned = input.Metrics.Where(m => m.Role == VerdictRole.Primary).Select(m => m.PlannedUnits).DefaultIfEmpty(0).Max();
        VerdictMetric[] guardrails = [.. input.Metrics.Where(m => m.Role == VerdictRole.Guardrail && m.Margin > 0 && m.StandardError > 0 && double.IsFinite(m.StandardError))];
        if (guardrails.Length == 0 || input.Units <= 0)
        {
            return planned;
        }

        double beta = (1 - input.Power) / guardrails.Length;
        double z = StandardNormal.UpperQuantile(input.Alpha / 2) + StandardNormal.UpperQuantile(beta);
        foreach (VerdictMetric g in guardrails)
        {
            double ratio = z * g.StandardError / g.Margin;
            double needed = Math.Ceiling(input.Units * ratio * ratio);
            planned = Math.Max(planned, needed >= long.MaxValue ? long.MaxValue : (long)needed);
        }

        return planned;
    }

    private static DateTimeOffset? Eta(VerdictInput input, long planned)
    {
        if (planned <= input.Units || !(input.UnitsPerDay > 0))
        {
            return null;
        }

        double days = Math.Ceiling((planned - input.Units) / input.UnitsPerDay);
        return days > 36_500 ? null : input.Now.AddDays(days);
    }

    private static string Range(VerdictMetric m) =>
        DecisionRules.RelativeRange(m.Estimate, m.AlwaysValidInterval);

    private static string N(long units) => units.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double p) => p < 0.0001 ? "< 0.0001" : "= " + p.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed record VariationState(string Variation, string? Harm, string? Best, double BestP, bool GuardrailsHold, string? Unproven);
}
