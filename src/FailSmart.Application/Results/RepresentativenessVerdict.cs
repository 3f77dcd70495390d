using System.Globalization;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// The sentence a verdict carries when the cohort does not stand for the target population the user chose: its mix
/// differs (the χ² test rejects) or an effect rests on a dominant stratum that may not carry over. One wording, so the
/// results page and <c>failsmart analyze</c> say the same; shown with the verdict, so it cannot be scrolled past.
/// </summary>
public static class RepresentativenessVerdict
{
    /// <summary>The level at which a mix is called different, the same as the experiment checks'.</summary>
    public const double Alpha = 0.05;

    /// <summary>Each analysed metric's type by key, as <see cref="Caveat"/> takes them, from an experiment's results.</summary>
    public static Dictionary<string, string> MetricTypes(ExperimentResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Metrics.DistinctBy(m => m.Metric).ToDictionary(m => m.Metric, m => m.Type, StringComparer.Ordinal);
    }

    /// <summary>The caveat, or null when every mix compared looks like the target's and every effect carries over.</summary>
    /// <param name="result">The comparison with the target population.</param>
    /// <param name="metricTypes">
    /// Each metric's type by key, so an effect reads as the results page writes it (percentage points for a conversion);
    /// a metric not in it is written in its own unit.
    /// </param>
    public static string? Caveat(RepresentativenessResponse result, IReadOnlyDictionary<string, string>? metricTypes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string target = Target(result.Target);
        CohortMixResponse? differs = result.Attributes.FirstOrDefault(a => a.PValue < Alpha);
        ReweightedEffectResponse[] unsure = [.. result.Effects.Where(e => e.MayNotCarryOver)];
        if (differs is null && unsure.Length == 0)
        {
            return null;
        }

        var text = new List<string>();
        string? attribute = differs?.Attribute ?? unsure[0].Attribute;
        if (differs is not null)
        {
            // The most different level, the over-represented one on a tie (two levels differ equally), as that is where the effect comes from.
            MixLevelResponse level = differs.Levels.OrderByDescending(l => Math.Round(Math.Abs(l.StandardizedDifference), 9)).ThenByDescending(l => l.CohortShare - l.TargetShare).First();
            text.Add($"The cohort does not look like {target}: {Share(level.CohortShare)} {level.Level} against {Share(level.TargetShare)} in {target} " +
                $"({differs.Attribute} mix χ² {ResultNumbers.P(differs.PValue)}).");
        }

        foreach (ReweightedEffectResponse effect in result.Effects.Where(e => e.Attribute == attribute))
        {
            string covers = effect.UncoveredLevels.Count == 0 ? "" : $", covering {Share(effect.CoveredTargetShare)} of it (nothing speaks for {string.Join(", ", effect.UncoveredLevels)})";
            string? type = metricTypes?.GetValueOrDefault(effect.Metric);
            text.Add($"{effect.Metric} for {effect.Variation} reweighted to {target} is {ResultNumbers.AbsoluteWithInterval(effect.Reweighted, type)} " +
                $"against {ResultNumbers.AbsoluteWithin(effect.Plain.Estimate, effect.Plain.Lower, effect.Plain.Upper, type)} in the cohort{covers}.");
        }

        foreach (ReweightedEffectResponse effect in unsure)
        {
            text.Add($"{effect.Metric} for {effect.Variation} may not carry over: its effect is mostly {effect.DominantLevel}'s, which dominates the cohort by {effect.Attribute}.");
        }

        return string.Join(" ", text);
    }

    /// <summary>How the caveat names the target: a stored population by its key, else everyone exposed in the window.</summary>
    public static string Target(RepresentativenessTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Population ?? string.Create(CultureInfo.InvariantCulture, $"everyone exposed from {target.From:yyyy-MM-dd} to {target.To:yyyy-MM-dd}");
    }

    /// <summary>
    /// Why an effect may not carry over, for the warning beside the reweighted effect: the strata's effects differ and the
    /// stratum that dominates the cohort is far less of the target.
    /// </summary>
    public static string CarryOver(ReweightedEffectResponse effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        StratumEffectResponse? dominant = effect.Strata.FirstOrDefault(s => s.Level == effect.DominantLevel);
        string shares = dominant is null ? "" : $" and {dominant.Level} is {Share(dominant.CohortShare)} of the cohort but {Share(dominant.TargetShare)} of the target";
        return $"The effect differs between strata (Cochran's Q {ResultNumbers.P(effect.Heterogeneity.PValue)}, I² = {Share(effect.Heterogeneity.ISquared)}){shares}: " +
            $"the cohort's effect is mostly {effect.DominantLevel}'s and may not carry over.";
    }

    private static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
