using System.Globalization;
using FailSmart.Protocol.Results;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// How `failsmart analyze --target` prints a cohort against its target population: per attribute the mix (most
/// different first), then per metric the plain and the reweighted effect with what the reweighting cannot cover, over
/// the cells of the attributes' cross (joint) and over each attribute on its own.
/// </summary>
internal static class RepresentativenessOutput
{
    public static void WriteTables(TextWriter output, RepresentativenessResponse result)
    {
        IAnsiConsole console = CliConsole.Create(output);
        string target = result.Target.Population ?? $"all exposures from {result.Target.From:yyyy-MM-dd} to {result.Target.To:yyyy-MM-dd}";
        console.WriteFullLine($"Cohort of {result.Experiment} phase {result.Phase} against {target}:");
        foreach (CohortMixResponse mix in result.Attributes)
        {
            string chi = mix.ChiSquare is double c ? Number(c) : "∞ (the cohort has a level the target lacks)";
            var table = new Table().Title(Markup.Escape($"{mix.Attribute}: χ² = {chi}, df = {mix.DegreesOfFreedom}, p = {Number(mix.PValue)}"))
                .AddColumn(Markup.Escape(mix.Attribute)).AddColumn("cohort units").AddColumn("cohort share").AddColumn("target units").AddColumn("target share").AddColumn("std. difference");
            foreach (MixLevelResponse level in mix.Levels.OrderByDescending(l => Math.Abs(l.StandardizedDifference)))
            {
                table.AddRow(Markup.Escape(level.Level), Units(level.CohortUnits), Percent(level.CohortShare), Units(level.TargetUnits), Percent(level.TargetShare), Signed(level.StandardizedDifference));
            }

            console.Write(table);
            if (mix.CohortUnitsWithoutAttribute > 0)
            {
                console.WriteFullLine($"  {Units(mix.CohortUnitsWithoutAttribute)} cohort units had no {mix.Attribute} and are left out.");
            }
        }

        if (result.Effects.Count > 0)
        {
            var effects = new Table().Title("Effect reweighted to the target")
                .AddColumn("metric").AddColumn("by").AddColumn("strata").AddColumn("variation").AddColumn("cohort effect").AddColumn("reweighted effect").AddColumn("covers")
                .AddColumn("Q p").AddColumn("I²").AddColumn("carries over");
            foreach (ReweightedEffectResponse e in result.Effects)
            {
                effects.AddRow(
                    Markup.Escape(e.Metric), Markup.Escape(e.Attribute), Strata(e), Markup.Escape(e.Variation), Effect(e.Plain), Effect(e.Reweighted), Covered(e.CoveredTargetShare),
                    Number(e.Heterogeneity.PValue), Percent(e.Heterogeneity.ISquared), Markup.Escape(CarriesOver(e)));
            }

            console.Write(effects);
            foreach (ReweightedEffectResponse e in result.Effects)
            {
                console.WriteFullLine($"  {e.Metric}, {e.Variation} by {e.Attribute}: {e.Explanation}");
            }
        }

        foreach (string note in result.Notes)
        {
            console.WriteFullLine($"Note: {note}");
        }
    }

    /// <summary>
    /// Whether the effect carries over to the target, claiming no more than the data backs: "may not (X dominates)" when
    /// one stratum's effect dominates the cohort; else "unknown: covers N%" when any target stratum has no effect (the
    /// results page names it the same way, whatever its share), since nothing speaks for that part of the target; else "yes".
    /// </summary>
    private static string CarriesOver(ReweightedEffectResponse e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.MayNotCarryOver)
        {
            return $"may not ({e.DominantLevel} dominates)";
        }

        return e.UncoveredLevels.Count > 0 ? $"unknown: covers {Covered(e.CoveredTargetShare)}" : "yes";
    }

    /// <summary>The covered share rounded down (past float noise), so a target not wholly covered never reads as 100%.</summary>
    private static string Covered(double share) => (Math.Floor((share * 1000) + 1e-9) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Joint strata are the cells of the attributes' cross; the others one attribute's levels.</summary>
    private static string Strata(ReweightedEffectResponse e) =>
        e.Stratification == ReweightedEffectResponse.Joint ? $"joint ({e.Strata.Count} cells)" : "per attribute";

    private static string Effect(EffectEstimateResponse e) => $"{Signed(e.Estimate)} ({Signed(e.Lower)} to {Signed(e.Upper)})";

    private static string Units(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
