using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// The effect reweighted to a target population by post-stratification (Miratrix, Sekhon &amp; Yu 2013): per stratum
/// Δₕ = ȳₜ − ȳ꜀ with Vₕ = s²ₜ/nₜ + s²꜀/n꜀, combined as Σ wₕΔₕ with the target's shares wₕ and variance Σ wₕ²Vₕ
/// (conditional on the strata's sizes), read against the normal; ratio metrics by <see cref="EstimateRatio"/>. A stratum
/// may be one attribute's level or a cell of several (country × platform). See docs/statistics.md, "Representativeness".
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
        CheckOptions(alpha, heterogeneityAlpha, dominanceRatio);
        Strata.CheckLevels(strata.Select(s => s?.Level), "strata", minimum: 1);
        foreach (StratumArms s in strata)
        {
            Check(s.Control, $"{s.Level}.{nameof(StratumArms.Control)}");
            Check(s.Treatment, $"{s.Level}.{nameof(StratumArms.Treatment)}");
            Guard.NotNegative(s.TargetUnits, $"{s.Level}.{nameof(StratumArms.TargetUnits)}");
        }

        StratumInput[] inputs = [.. strata.Select(s => new StratumInput(
            s.Level, (double)s.Control.N + s.Treatment.N, s.TargetUnits, s.Control.N >= 2 && s.Treatment.N >= 2))];
        NormalEstimate? Effect(int h) => inputs[h].Covered ? Difference(strata[h].Control, strata[h].Treatment, alpha) : null;
        NormalEstimate Weighted(double[] w) => LinearCombination(w, [.. Enumerable.Range(0, strata.Count).Select(Effect)], alpha);
        NormalEstimate Plain() => Difference(Pool(strata.Select(s => s.Control)), Pool(strata.Select(s => s.Treatment)), alpha);
        return Combine(inputs, Effect, Weighted, Plain, heterogeneityAlpha, dominanceRatio);
    }

    /// <summary>
    /// A ratio metric (Σ numerator / Σ denominator per arm) reweighted to the target: each arm's ratio is
    /// Σ wₕM̄ₕ / Σ wₕD̄ₕ with the target's shares wₕ, its variance by the delta method
    /// Σ wₕ² Var(M − R·D)ₕ / (nₕ (Σ wₕD̄ₕ)²) (Deng, Knoblich &amp; Lu 2018), and the effect is treatment − control. With one
    /// stratum it is <see cref="DeltaMethodRatio"/>'s absolute lift read against the normal. A stratum is covered when
    /// each arm has at least two units and a positive denominator sum.
    /// </summary>
    public static PostStratifiedEffect EstimateRatio(
        IReadOnlyList<RatioStratumArms> strata,
        double alpha = 0.05,
        double heterogeneityAlpha = DefaultHeterogeneityAlpha,
        double dominanceRatio = DefaultDominanceRatio)
    {
        ArgumentNullException.ThrowIfNull(strata);
        CheckOptions(alpha, heterogeneityAlpha, dominanceRatio);
        Strata.CheckLevels(strata.Select(s => s?.Level), "strata", minimum: 1);
        foreach (RatioStratumArms s in strata)
        {
            RatioEstimate.Check(s.Control, $"{s.Level}.{nameof(RatioStratumArms.Control)}");
            RatioEstimate.Check(s.Treatment, $"{s.Level}.{nameof(RatioStratumArms.Treatment)}");
            Guard.NotNegative(s.TargetUnits, $"{s.Level}.{nameof(RatioStratumArms.TargetUnits)}");
        }

        StratumInput[] inputs = [.. strata.Select(s => new StratumInput(
            s.Level, (double)s.Control.N + s.Treatment.N, s.TargetUnits, RatioEstimate.Usable(s.Control) && RatioEstimate.Usable(s.Treatment)))];
        NormalEstimate Weighted(double[] w) => RatioEstimate.Effect(strata, w, alpha);
        NormalEstimate? Effect(int h) => inputs[h].Covered ? Weighted([.. Enumerable.Range(0, strata.Count).Select(i => i == h ? 1.0 : 0)]) : null;
        NormalEstimate Plain()
        {
            RatioStatistics[] pooled = [RatioEstimate.Pool(strata.Select(s => s.Control)), RatioEstimate.Pool(strata.Select(s => s.Treatment))];
            return RatioEstimate.Effect([new RatioStratumArms("all", pooled[0], pooled[1], 1)], [1], alpha);
        }

        return Combine(inputs, Effect, Weighted, Plain, heterogeneityAlpha, dominanceRatio);
    }

    private static void CheckOptions(double alpha, double heterogeneityAlpha, double dominanceRatio)
    {
        Guard.Alpha(alpha);
        Guard.Alpha(heterogeneityAlpha, nameof(heterogeneityAlpha));
        if (!(dominanceRatio >= 1) || double.IsInfinity(dominanceRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(dominanceRatio), dominanceRatio, "The dominance ratio must be a finite number of at least 1.");
        }
    }

    /// <summary>What the combination needs of a stratum, whatever the metric: its units in the cohort and the target, and whether it has an effect.</summary>
    private sealed record StratumInput(string Level, double CohortUnits, double TargetUnits, bool Covered);

    // weighted: the combined effect for weights per stratum (zero for uncovered strata, the others summing to one).
    private static PostStratifiedEffect Combine(
        StratumInput[] strata,
        Func<int, NormalEstimate?> effectOf,
        Func<double[], NormalEstimate> weighted,
        Func<NormalEstimate> plainEffect,
        double heterogeneityAlpha,
        double dominanceRatio)
    {
        double cohortUnits = strata.Sum(s => s.CohortUnits);
        double targetUnits = strata.Sum(s => s.TargetUnits);
        if (!(targetUnits > 0))
        {
            throw new ArgumentException("The target population needs units in at least one stratum.", nameof(strata));
        }

        if (!strata.Any(s => s.Covered))
        {
            throw new ArgumentException("No stratum has at least two units in each arm: there is no effect to reweight.", nameof(strata));
        }

        var effects = new StratumEffect[strata.Length];
        for (int h = 0; h < strata.Length; h++)
        {
            StratumInput s = strata[h];
            effects[h] = new StratumEffect(s.Level, s.CohortUnits / cohortUnits, s.TargetUnits / targetUnits, s.Covered, effectOf(h));
        }

        double coveredTarget = effects.Where(e => e.Covered).Sum(e => e.TargetShare);
        if (!(coveredTarget > 0))
        {
            throw new ArgumentException("The target population has no units in any stratum the cohort covers.", nameof(strata));
        }

        double coveredCohort = effects.Where(e => e.Covered).Sum(e => e.CohortShare);
        NormalEstimate reweighted = weighted([.. effects.Select(e => e.Covered ? e.TargetShare / coveredTarget : 0)]);
        NormalEstimate cohortWeighted = weighted([.. effects.Select(e => e.Covered ? e.CohortShare / coveredCohort : 0)]);
        NormalEstimate plain = plainEffect();
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

    private static NormalEstimate LinearCombination(double[] weights, NormalEstimate?[] effects, double alpha)
    {
        double estimate = 0;
        double variance = 0;
        for (int h = 0; h < weights.Length; h++)
        {
            if (weights[h] > 0)
            {
                estimate += weights[h] * effects[h]!.Estimate;
                variance += weights[h] * weights[h] * effects[h]!.StandardError * effects[h]!.StandardError;
            }
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
        string text = $"In the cohort the effect is {EffectText.WithInterval(plain.Estimate, plain.ConfidenceInterval.Lower, plain.ConfidenceInterval.Upper)}; " +
            $"reweighted to the target population it is {EffectText.WithInterval(reweighted.Estimate, reweighted.ConfidenceInterval.Lower, reweighted.ConfidenceInterval.Upper)}.";
        if (uncovered.Length > 0)
        {
            text += $" The cohort has no effect for {string.Join(", ", uncovered)} ({Percent(1 - coveredTarget)} of the target): the reweighted effect covers only the other {Percent(coveredTarget)}.";
        }

        if (mayNotCarryOver)
        {
            text += $" The effect differs between strata (Cochran's Q {EffectText.P(heterogeneity.PValue)}, I² = {Percent(heterogeneity.ISquared)}) and {dominant.Level} is " +
                $"{Percent(dominant.CohortShare)} of the cohort but {Percent(dominant.TargetShare)} of the target: the cohort's effect is mostly {dominant.Level}'s and may not carry over.";
        }

        return text;
    }

    // The invariant culture writes "40 %"; people write "40%".
    private static string Percent(double share) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{share * 100:0.#}%");
}
