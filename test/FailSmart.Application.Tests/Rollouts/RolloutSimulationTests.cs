using System.Globalization;
using FailSmart.Application.Rollouts;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>
/// The bounds a guarded rollout promises, checked by seeded simulation with the default settings
/// (docs/rollouts.md, "Simulation"): a two-point fall on a 30% conversion is rolled back before the 25%
/// stage in at least 95% of runs; a harmless feature reaches 100% within 14 days in at least 90% of runs
/// and is rolled back in at most α of them. Set FAILSMART_ROLLOUT_SIMULATION_TABLE to a file path to
/// write the table the docs show.
/// </summary>
public sealed class RolloutSimulationTests
{
    private const int Seed = 20261207;
    private const double Alpha = 0.05;
    private static readonly RolloutSimulationSettings s_settings = new();
    private static readonly Lazy<IReadOnlyList<RolloutRunOutcome>> s_harmful = new(() => Simulate(-0.02, Seed));
    private static readonly Lazy<IReadOnlyList<RolloutRunOutcome>> s_harmless = new(() => Simulate(0, Seed + 1));

    [Fact]
    public void Simulation_harmful_feature_is_rolled_back_before_25_percent_in_at_least_95_percent_of_runs()
    {
        RolledBackBefore25(s_harmful.Value).ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Simulation_harmless_feature_reaches_100_percent_within_14_days_in_at_least_90_percent_of_runs()
    {
        ReachedAllWithin14Days(s_harmless.Value).ShouldBeGreaterThanOrEqualTo(0.90);
    }

    [Fact]
    public void Simulation_harmless_feature_is_rolled_back_in_at_most_alpha_of_runs()
    {
        RolledBack(s_harmless.Value).ShouldBeLessThanOrEqualTo(Alpha);
    }

    [Fact]
    public void Simulation_table_is_written_when_asked()
    {
        string table = Table(s_harmful.Value, s_harmless.Value);
        table.ShouldContain("| Harmful (−2 points) | rolled back before 25% |");
        string? path = Environment.GetEnvironmentVariable("FAILSMART_ROLLOUT_SIMULATION_TABLE");
        if (!string.IsNullOrEmpty(path))
        {
            // The same runs with an engine that does not carry evidence between stages, for comparison.
            RolloutSimulationSettings alone = s_settings with { CarryEvidence = false };
            string without = Table(Simulate(-0.02, Seed, alone), Simulate(0, Seed + 1, alone));
            File.WriteAllText(path, $"With evidence carried between stages:\n\n{table}\nEach stage on its own:\n\n{without}");
        }
    }

    private static IReadOnlyList<RolloutRunOutcome> Simulate(double effect, int seed, RolloutSimulationSettings? settings = null) =>
        RolloutSimulation.Run(new GuardedRolloutPolicy(Options.Create(new RolloutPolicyOptions())), settings ?? s_settings, effect, seed);

    private static double RolledBackBefore25(IReadOnlyList<RolloutRunOutcome> runs) =>
        Rate(runs, r => r.End == RolloutMove.RollBack && RolloutSimulation.Ladder[r.Stage] < 0.25);

    private static double ReachedAllWithin14Days(IReadOnlyList<RolloutRunOutcome> runs) => Rate(runs, r => r.LastStageDays <= 14);

    private static double RolledBack(IReadOnlyList<RolloutRunOutcome> runs) => Rate(runs, r => r.End == RolloutMove.RollBack);

    private static double Rate(IReadOnlyList<RolloutRunOutcome> runs, Func<RolloutRunOutcome, bool> what) => (double)runs.Count(what) / runs.Count;

    private static string Table(IReadOnlyList<RolloutRunOutcome> harmful, IReadOnlyList<RolloutRunOutcome> harmless)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Seed {Seed} (harmful) and {Seed + 1} (harmless), {s_settings.Runs} runs each.");
        text.AppendLine();
        text.AppendLine("| Case | Measure | Rate | Monte Carlo SE | Bound |");
        text.AppendLine("|---|---|---|---|---|");
        Row(text, "Harmful (−2 points)", "rolled back before 25%", RolledBackBefore25(harmful), "≥ 95%");
        Row(text, "Harmless (0)", "reached 100% within 14 days", ReachedAllWithin14Days(harmless), "≥ 90%");
        Row(text, "Harmless (0)", "rolled back (false rollback)", RolledBack(harmless), "≤ 5%");
        text.AppendLine();
        text.AppendLine("| Case | Rolled back at 1% / 5% / 10% / 25% / 50% / 100% | Paused | Completed | Median days to the end |");
        text.AppendLine("|---|---|---|---|---|");
        Ends(text, "Harmful (−2 points)", harmful);
        Ends(text, "Harmless (0)", harmless);
        return text.ToString();
    }

    private static void Row(System.Text.StringBuilder text, string name, string measure, double p, string bound)
    {
        double se = Math.Sqrt(p * (1 - p) / s_settings.Runs);
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {measure} | {p * 100:0.0}% | {se * 100:0.0} points | {bound} |");
    }

    private static void Ends(System.Text.StringBuilder text, string name, IReadOnlyList<RolloutRunOutcome> runs)
    {
        string byStage = string.Join(" / ", Enumerable.Range(0, RolloutSimulation.Ladder.Count).Select(s => runs.Count(r => r.End == RolloutMove.RollBack && r.Stage == s)));
        double[] days = [.. runs.Select(r => r.Days).Order()];
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {byStage} | {runs.Count(r => r.End == RolloutMove.Pause)} | {runs.Count(r => r.End == RolloutMove.Complete)} | {days[days.Length / 2]:0.0} |");
    }
}
