using System.CommandLine;
using System.Globalization;
using FailSmart.Application.Experiments;
using FailSmart.Statistics;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart stats plan`: for each traffic allocation, the days to a decision and the expected cost of
/// exposing units to a harmful variant while learning — the trade-off a team otherwise works out by hand.
/// </summary>
internal static class StatsPlanCommand
{
    public static Command Create()
    {
        var baseline = new Option<double>("--baseline") { Description = "The metric's baseline: a mean, or a rate for --proportion (e.g. 0.3 for 30%).", Required = true };
        var variance = new Option<double?>("--variance") { Description = "The metric's per-unit variance (not needed with --proportion)." };
        var proportion = new Option<bool>("--proportion") { Description = "The metric is a rate; its variance is p(1 − p)." };
        var unitsPerDay = new Option<double>("--units-per-day") { Description = "Eligible units arriving per day.", Required = true };
        var allocations = new Option<string>("--allocations") { Description = "Comma-separated traffic shares in percent.", DefaultValueFactory = _ => "1,5,10,25,50" };
        var effect = new Option<double>("--effect") { Description = "The assumed relative effect, e.g. -0.01 for a 1% drop.", Required = true };
        var value = new Option<double>("--value-per-unit") { Description = "What one unit of the metric is worth (e.g. revenue per retained user).", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Significance level.", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { Description = "Desired power.", DefaultValueFactory = _ => 0.8 };
        var start = new Option<string?>("--start") { Description = "Start date (yyyy-MM-dd), to print decision dates." };
        var factorial = new Option<int?>("--factorial") { Description = "Also plan a factorial launch of this many features (2 to 5): the units and days to detect a main effect and an interaction of --effect's size." };
        var command = new Command("plan", "Plan power, duration and the cost of learning for candidate traffic allocations.")
        {
            baseline, variance, proportion, unitsPerDay, allocations, effect, value, alpha, power, start, factorial,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            var problems = new List<string>();
            double b = parse.GetValue(baseline);
            double? v = parse.GetValue(proportion) ? b * (1 - b) : parse.GetValue(variance);
            if (parse.GetValue(proportion) && (b <= 0 || b >= 1))
            {
                problems.Add("--baseline must be between 0 and 1 (exclusive) for a proportion.");
            }

            if (v is not > 0)
            {
                problems.Add("Give --variance (greater than 0), or --proportion for a rate.");
            }

            if (parse.GetValue(unitsPerDay) <= 0)
            {
                problems.Add("--units-per-day must be greater than 0.");
            }

            List<double> shares = [];
            foreach (string part in parse.GetValue(allocations)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (double.TryParse(part.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent > 0 && percent <= 100)
                {
                    shares.Add(percent / 100);
                }
                else
                {
                    problems.Add($"--allocations: '{part}' is not a percentage between 0 and 100.");
                }
            }

            if (shares.Count == 0 && !problems.Any(p => p.StartsWith("--allocations", StringComparison.Ordinal)))
            {
                problems.Add("--allocations names no traffic share; give percentages such as 1,5,10.");
            }

            if (parse.GetValue(effect) == 0)
            {
                problems.Add("--effect must not be 0: no sample size detects no effect.");
            }

            DateOnly? startDate = null;
            if (parse.GetValue(start) is { } s)
            {
                if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
                {
                    startDate = d;
                }
                else
                {
                    problems.Add($"--start: '{s}' is not a date in yyyy-MM-dd form.");
                }
            }

            if (parse.GetValue(factorial) is { } features && features is < FactorialAnalysis.MinFeatures or > FactorialAnalysis.MaxFeatures)
            {
                problems.Add($"--factorial: a factorial launch has {FactorialAnalysis.MinFeatures} to {FactorialAnalysis.MaxFeatures} features, not {features}.");
            }

            if (problems.Count > 0)
            {
                problems.ForEach(error.WriteLine);
                return ExitCodes.Usage;
            }

            IReadOnlyList<LearningCostRow> rows;
            try
            {
                // The same computation as the experiment wizard's plan and the launch checklist.
                rows = ExperimentPlanner.Costs(b, v!.Value, parse.GetValue(unitsPerDay), shares, parse.GetValue(effect), parse.GetValue(value),
                    parse.GetValue(alpha), parse.GetValue(power), start: startDate);
            }
            catch (ArgumentException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }

            IAnsiConsole console = CliConsole.Create(parse.InvocationConfiguration.Output);
            var table = new Table().Title("Time to a decision, and what learning costs if the change is harmful");
            foreach (string header in LearningCostTable.Headers)
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            foreach (LearningCostRow row in rows)
            {
                table.AddRow([.. LearningCostTable.Cells(row).Select(Markup.Escape)]);
            }

            console.Write(table);
            console.WriteFullLine(
                string.Create(CultureInfo.InvariantCulture, $"Assumes a {parse.GetValue(effect) * 100:0.##}% relative effect, α = {parse.GetValue(alpha)}, power {parse.GetValue(power) * 100:0.#}%. ") +
                "A larger allocation decides sooner but exposes more units while the answer is unknown.");
            if (parse.GetValue(factorial) is { } k)
            {
                var input = new PlanInput(b, v, parse.GetValue(proportion), parse.GetValue(unitsPerDay), parse.GetValue(effect), parse.GetValue(value), shares,
                    Alpha: parse.GetValue(alpha), Power: parse.GetValue(power));
                console.Write(FactorialPlanTable.Create(input, k, shares));
                console.WriteFullLine("An interaction's estimate has four times a main effect's variance, so it needs about four times the units of one as large.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
