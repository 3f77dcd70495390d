using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// The effect reweighted to a target population by post-stratification (Miratrix, Sekhon &amp; Yu 2013): per stratum
/// Δₕ = ȳₜ − ȳ꜀ with Vₕ = s²ₜ/nₜ + s²꜀/n꜀, combined as Σ wₕΔₕ with the target's shares wₕ and variance Σ wₕ²Vₕ
/// (conditional on the strata's sizes), read against the normal. See docs/statistics.md, "Representativeness".
/// </summary>
public static class PostStratification
{
    /// <summary>The default level of Cochran's Q test: 0.10, as Q has little power with few strata (Higgins et al. 2003).</summary>
    public const double DefaultHeterogeneityAlpha = 0.10;

    /// <summary>The default dominance ratio: the dominant stratum holds at least twice its target share of the cohort.</summary>
    public const double DefaultDominanceRatio = 2;

    public static PostStratifiedEffect Estimate(
        IReadOnlyList<StratumArms> strata,
        double alpha = 0.05,
        double heterogeneityAlpha = DefaultHeterogeneityAlpha,
        double dominanceRatio = DefaultDominanceRatio)
    {
        ArgumentNullException.ThrowIfNull(strata);
        Guard.Alpha(alpha);
        Guard.Alpha(heterogeneityAlpha, nameof(heterogeneityAlpha));
        if (!(dominanceRatio >= 1) || double.IsInfinity(dominanceRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(dominanceRatio), dominanceRatio, "The dominance ratio must be a finite number of at least 1.");
        }

        Strata.CheckLevels(strata.Select(s => s?.Level), "strata");
        foreach (StratumArms s in strata)
        {
            Check(s.Control, $"{s.Level}.{nameof(StratumArms.Control)}");
            Check(s.Treatment, $"{s.Level}.{nameof(StratumArms.Treatment)}");
            Guard.NotNegative(s.TargetUnits, $"{s.Level}.{nameof(StratumArms.TargetUnits)}");
        }

        double cohortUnits = strata.Sum(s => (double)s.Control.N + s.Treatment.N);
        double targetUnits = strata.Sum(s => s.TargetUnits);
        bool[] covered = [.. strata.Select(s => s.Control.N >= 2 && s.Treatment.N >= 2)];
        if (!(targetUnits > 0))
        {
            throw new ArgumentException("The target population needs units in at least one stratum.", nameof(strata));
        }

        if (!covered.Any(c => c))
        {
            throw new ArgumentException("No stratum has at least two units in each arm: there is no effect to reweight.", nameof(strata));
        }

        var effects = new StratumEffect[strata.Count];
        for (int h = 0; h < strata.Count; h++)
        {
            StratumArms s = strata[h];
            NormalEstimate? effect = covered[h] ? Difference(s.Control, s.Treatment, alpha) : null;
            effects[h] = new StratumEffect(s.Level, (s.Control.N + s.Treatment.N) / cohortUnits, s.TargetUnits / targetUnits, covered[h], effect);
        }

        double coveredTarget = effects.Where(e => e.Covered).Sum(e => e.TargetShare);
        if (!(coveredTarget > 0))
        {
            throw new ArgumentException("The target population has no units in any stratum the cohort covers.", nameof(strata));
        }

        double coveredCohort = effects.Where(e => e.Covered).Sum(e => e.CohortShare);
        NormalEstimate reweighted = Weighted(effects, e => e.TargetShare / coveredTarget, alpha);
        NormalEstimate cohortWeighted = Weighted(effects, e => e.CohortShare / coveredCohort, alpha);
        NormalEstimate plain = Difference(Pool(strata.Select(s => s.Control)), Pool(strata.Select(s => s.Treatment)), alpha);
        Heterogeneity heterogeneity = CochranQ([.. effects.Where(e => e.Covered && e.Effect!.StandardError > 0).Select(e => e.Effect!)]);

        StratumEffect dominant = effects.MaxBy(e => e.CohortShare)!;
        bool mayNotCarryOver = heterogeneity.PValue < heterogeneityAlpha && dominant.CohortShare >= dominanceRatio * dominant.TargetShare;
        string[] uncovered = [.. effects.Where(e => !e.Covered && e.TargetShare > 0).Select(e => e.Level)];
        return new PostStratifiedEffect(
            plain,
            cohortWeighted,
            reweighted,
            coveredTarget,
            uncovered,
            effects,
            heterogeneity,
            dominant.Level,
            mayNotCarryOver,
            Explain(plain, reweighted, coveredTarget, uncovered, dominant, heterogeneity, mayNotCarryOver));
    }

    private static void Check(MeanStatistics arm, string name)
    {
        if (arm.N < 0 || !double.IsFinite(arm.Sum) || !double.IsFinite(arm.SumOfSquares) || arm.SumOfSquares < 0)
        {
            throw new ArgumentOutOfRangeException(name, arm, "Each arm needs a non-negative count, a finite sum and a finite, non-negative sum of squares.");
        }
    }

    private static MeanStatistics Pool(IEnumerable<MeanStatistics> arms) =>
        arms.Aggregate(new MeanStatistics(0, 0, 0), (a, b) => new MeanStatistics(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares));

    private static NormalEstimate Difference(MeanStatistics control, MeanStatistics treatment, double alpha)
    {
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        return NormalEstimate.Create(treatment.Mean - control.Mean, Math.Sqrt((control.Variance / control.N) + (treatment.Variance / treatment.N)), alpha);
    }

    private static NormalEstimate Weighted(StratumEffect[] effects, Func<StratumEffect, double> weight, double alpha)
    {
        double estimate = 0;
        double variance = 0;
        foreach (StratumEffect e in effects.Where(e => e.Covered))
        {
            double w = weight(e);
            estimate += w * e.Effect!.Estimate;
            variance += w * w * e.Effect.StandardError * e.Effect.StandardError;
        }

        return NormalEstimate.Create(estimate, Math.Sqrt(variance), alpha);
    }

    private static Heterogeneity CochranQ(NormalEstimate[] effects)
    {
        if (effects.Length < 2)
        {
            return new Heterogeneity(0, 0, 1, 0, effects.Length == 1 ? effects[0].Estimate : double.NaN);
        }

        double[] w = [.. effects.Select(e => 1 / (e.StandardError * e.StandardError))];
        double pooled = effects.Select((e, i) => w[i] * e.Estimate).Sum() / w.Sum();
        double q = effects.Select((e, i) => w[i] * (e.Estimate - pooled) * (e.Estimate - pooled)).Sum();
        int df = effects.Length - 1;
        double i2 = q > df ? (q - df) / q : 0;
        return new Heterogeneity(q, df, SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * q), i2, pooled);
    }

    private static string Explain(
        NormalEstimate plain,
        NormalEstimate reweighted,
        double coveredTarget,
        string[] uncovered,
        StratumEffect dominant,
        Heterogeneity heterogeneity,
        bool mayNotCarryOver)
    {
        string text = $"In the cohort the effect is {plain.Estimate:G4}; reweighted to the target population it is {reweighted.Estimate:G4} " +
            $"({reweighted.ConfidenceInterval.Lower:G4} to {reweighted.ConfidenceInterval.Upper:G4}).";
        if (uncovered.Length > 0)
        {
            text += $" The cohort has no effect for {string.Join(", ", uncovered)} ({Percent(1 - coveredTarget)} of the target): the reweighted effect covers only the other {Percent(coveredTarget)}.";
        }

        if (mayNotCarryOver)
        {
            text += $" The effect differs between strata (Q p = {heterogeneity.PValue:G3}, I² = {Percent(heterogeneity.ISquared)}) and {dominant.Level} is " +
                $"{Percent(dominant.CohortShare)} of the cohort but {Percent(dominant.TargetShare)} of the target: the cohort's effect is mostly {dominant.Level}'s and may not carry over.";
        }

        return text;
    }

    // The invariant culture writes "40 %"; people write "40%".
    private static string Percent(double share) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{share * 100:0.#}%");
}
