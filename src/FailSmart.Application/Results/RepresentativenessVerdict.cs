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

    /// <summary>The caveat, or null when every mix compared looks like the target's and every effect carries over.</summary>
    public static string? Caveat(RepresentativenessResponse result)
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
                $"({differs.Attribute} mix χ² p {PValue(differs.PValue)}).");
        }

        foreach (ReweightedEffectResponse effect in result.Effects.Where(e => e.Attribute == attribute))
        {
            string covers = effect.UncoveredLevels.Count == 0 ? "" : $", covering {Share(effect.CoveredTargetShare)} of it (nothing speaks for {string.Join(", ", effect.UncoveredLevels)})";
            text.Add($"{effect.Metric} for {effect.Variation} reweighted to {target} is {Signed(effect.Reweighted.Estimate)} " +
                $"[{Signed(effect.Reweighted.Lower)}, {Signed(effect.Reweighted.Upper)}] against {Signed(effect.Plain.Estimate)} in the cohort{covers}.");
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

    private static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Signed(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    private static string PValue(double p) => p < 0.0001 ? "< 0.0001" : "= " + p.ToString("0.####", CultureInfo.InvariantCulture);
}
