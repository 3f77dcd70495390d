using System.Globalization;
using FailSmart.Protocol.Results;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>A factorial launch's part of the analyze tables: the plan, and per metric its terms, the interaction test and the recommendation.</summary>
internal static class FactorialTables
{
    public static void WritePlan(IAnsiConsole console, FactorialLaunchResponse launch)
    {
        console.WriteFullLine($"Factorial launch of {string.Join(", ", launch.Features)}: each metric is read as the features' main effects, their interactions and the whole bundle against none of it.");
        if (launch.Plan is { } plan)
        {
            string assumed = plan.MinimumEffectAssumed ? " (assumed: the launch names none)" : "";
            console.WriteFullLine(
                $"Plan for {plan.Metric}, minimum effect {Percent(plan.MinimumEffect)}{assumed} = {Number(plan.AbsoluteEffect)}: {Units(plan.MainEffectUnits)} units to detect a main effect, "
                + $"{Units(plan.InteractionUnits)} to detect an interaction ({Ratio(plan.InteractionUnits, plan.MainEffectUnits)}× as many); "
                + $"{Units(plan.Units)} so far give {Percent(plan.Power.MainEffect)} and {Percent(plan.Power.Interaction)} power.");
        }
    }

    public static void WriteMetric(IAnsiConsole console, MetricResultResponse metric)
    {
        if (metric.Factorial is not { } factorial)
        {
            return;
        }

        if (factorial.Recommendation is null)
        {
            console.WriteFullLine($"  factorial: {factorial.Message}");
            return;
        }

        var table = new Table().Title(Markup.Escape($"{metric.Metric}: factorial reading ({factorial.Recommendation})"))
            .AddColumn("term").AddColumn("effect").AddColumn("interval").AddColumn("p").AddColumn("reading").AddColumn("in the bundle");
        foreach (FactorialTermResponse term in factorial.MainEffects ?? [])
        {
            table.AddRow(Row($"{term.Name} (main effect)", term.Effect, term.Reading, Signed(term.Contribution)));
        }

        foreach (FactorialTermResponse term in factorial.Interactions ?? [])
        {
            table.AddRow(Row($"{term.Name} (interaction)", term.Effect, term.Reading, Signed(term.Contribution)));
        }

        if (factorial.Bundle is { } bundle)
        {
            table.AddRow(Row("all on vs none (bundle)", bundle, "", Signed(bundle.Estimate)));
        }

        console.Write(table);
        if (factorial.InteractionTest is { } test)
        {
            console.WriteFullLine($"  Interaction test: χ² = {Number(test.ChiSquare)} on {test.DegreesOfFreedom} df, p {(test.PValue < 0.0001 ? "< 0.0001" : "= " + Number(test.PValue))}: "
                + (factorial.Interacts ? "the features interact." : "no interaction detected."));
        }

        console.WriteFullLine($"  {factorial.Summary}");
    }

    private static string[] Row(string name, FactorialEffectResponse effect, string reading, string contribution) =>
        [Markup.Escape(name), Signed(effect.Estimate), $"{Signed(effect.Lower)} to {Signed(effect.Upper)}", P(effect.PValue), reading, contribution];

    // Four decimals would print a tiny p-value as 0, which reads as certainty.
    private static string P(double p) => p < 0.0001 ? "< 0.0001" : Number(p);

    private static string Units(long units) => units.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(long a, long b) => ((double)a / b).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
