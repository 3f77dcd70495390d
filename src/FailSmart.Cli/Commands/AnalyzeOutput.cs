using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>How `failsmart analyze` prints a result: warnings first, then one table per metric.</summary>
internal static class AnalyzeOutput
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the result as JSON or tables and returns the exit code: <see cref="ExitCodes.RedCheck"/> when a
    /// check is red (unless <paramref name="allowRedChecks"/>), so a script cannot act on an untrustworthy result.
    /// </summary>
    public static int Write(TextWriter output, TextWriter error, ExperimentResultsResponse result, bool json, bool bayesian, bool allowRedChecks)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        }
        else
        {
            WriteTables(output, result, bayesian);
        }

        if (result.Warnings.Any(w => w.Severity == ResultWarning.Red) && !allowRedChecks)
        {
            error.WriteLine(
                $"A check is red ({string.Join(", ", result.Warnings.Where(w => w.Severity == ResultWarning.Red).Select(w => w.Code).Distinct())}): do not trust any metric of this result; fix the cause and restart. " +
                "Exit code 3; pass --allow-red-checks to exit 0 anyway.");
            return ExitCodes.RedCheck;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// <see cref="Write(TextWriter, TextWriter, ExperimentResultsResponse, bool, bool, bool)"/> with the cohort against a target
    /// population: in JSON as a <c>representativeness</c> property beside the results' own, in tables after them.
    /// </summary>
    public static int Write(TextWriter output, TextWriter error, ExperimentResultsResponse result, RepresentativenessResponse representativeness, bool json, bool bayesian, bool allowRedChecks)
    {
        result = WithCaveat(result, representativeness);
        if (!json)
        {
            int code = Write(output, error, result, json, bayesian, allowRedChecks);
            RepresentativenessOutput.WriteTables(output, representativeness);
            return code;
        }

        JsonObject document = JsonSerializer.SerializeToNode(result, JsonOptions)!.AsObject();
        document["representativeness"] = JsonSerializer.SerializeToNode(representativeness, JsonOptions);
        output.WriteLine(document.ToJsonString(JsonOptions));
        return Write(TextWriter.Null, error, result, json, bayesian, allowRedChecks);
    }

    /// <summary>
    /// The verdict's reason followed by what the target says about it (the cohort's mix differs, or an effect may not
    /// carry over), so neither the table nor the JSON verdict can be read without it.
    /// </summary>
    public static ExperimentResultsResponse WithCaveat(ExperimentResultsResponse result, RepresentativenessResponse representativeness) =>
        result.Verdict is { } verdict && RepresentativenessVerdict.Caveat(representativeness, RepresentativenessVerdict.MetricTypes(result)) is { } caveat
            ? result with { Verdict = verdict with { Reason = $"{verdict.Reason} {caveat}" } }
            : result;

    public static void WriteTables(TextWriter output, ExperimentResultsResponse result, bool bayesian = false)
    {
        IAnsiConsole console = CliConsole.Create(output);
        console.WriteFullLine($"{result.Experiment} phase {result.Phase}: " + string.Join(", ", result.Variations.Select(v => $"{v.Key} {v.Units.ToString("N0", CultureInfo.InvariantCulture)}")) + " units");
        foreach (ResultWarning warning in result.Warnings)
        {
            console.WriteFullLine($"{warning.Severity.ToUpperInvariant()} {warning.Code}: {warning.Message}");
        }

        if (result.Warnings.Count == 0)
        {
            console.WriteFullLine("Checks: no sample ratio mismatch, no multiple exposures, no dependent experiment.");
        }

        if (result.SampleRatio is { } srm)
        {
            console.WriteFullLine($"Sample ratio: χ² = {Number(srm.ChiSquare)}, p = {Number(srm.PValue)} ({(srm.Mismatch ? "mismatch" : "as planned")}; red below {Number(srm.Threshold)}).");
        }

        if (result.Verdict is { } verdict)
        {
            console.WriteFullLine($"Verdict: {verdict.Decision}. {verdict.Reason}");
        }

        if (result.Factorial is { } launch)
        {
            FactorialTables.WritePlan(console, launch);
        }

        foreach (MetricResultResponse metric in result.Metrics)
        {
            var table = new Table().Title(Markup.Escape($"{metric.Metric} ({metric.Type}, {metric.Role})"))
                .AddColumn("variation").AddColumn("units").AddColumn("value").AddColumn("lift").AddColumn("interval")
                .AddColumn("effect").AddColumn("effect interval").AddColumn("adjusted p");
            if (bayesian)
            {
                table.AddColumn("chance to win").AddColumn("risk");
            }

            table.AddColumn("status").AddColumn("guardrail");
            foreach (VariationResultResponse v in metric.Variations)
            {
                var cells = new List<string>
                {
                    Markup.Escape(v.Key),
                    v.Units.ToString("N0", CultureInfo.InvariantCulture),
                    Number(v.Value),
                    Percent(v.RelativeLift),
                    v.LiftLower is null ? "" : $"{Percent(v.LiftLower)} to {Percent(v.LiftUpper)}",
                    Signed(v.AbsoluteEffect),
                    v.AbsoluteLower is null ? "" : $"{Signed(v.AbsoluteLower)} to {Signed(v.AbsoluteUpper)}",
                    v.AdjustedPValue is null ? "" : $"{Number(v.AdjustedPValue)} ({v.Correction})",
                };
                if (bayesian)
                {
                    cells.Add(v.ChanceToWin is null ? "" : Percent(v.ChanceToWin, signed: false));
                    cells.Add(Percent(v.Risk, signed: false));
                }

                cells.Add(v.Status ?? (v.Index == 0 ? "control" : ""));
                cells.Add(v.Guardrail ?? "");
                table.AddRow([.. cells]);
            }

            console.Write(table);
            foreach (VariationResultResponse v in metric.Variations.Where(v => v.Message is not null))
            {
                console.WriteFullLine($"  {v.Key}: {v.Message}");
            }

            FactorialTables.WriteMetric(console, metric);
            if (metric.Breakdown is { } breakdown)
            {
                var split = new Table().Title(Markup.Escape($"{metric.Metric} by {breakdown.Attribute} ({breakdown.Correction}-corrected)"))
                    .AddColumn(breakdown.Attribute).AddColumn("variation").AddColumn("units").AddColumn("lift").AddColumn("p").AddColumn("adjusted p").AddColumn("significant");
                foreach (SegmentResultResponse s in breakdown.Segments)
                {
                    split.AddRow(Markup.Escape(s.Value ?? "(none)"), Markup.Escape(s.Variation), $"{s.ControlUnits} / {s.TreatmentUnits}", Percent(s.RelativeLift), Number(s.PValue), Number(s.AdjustedPValue), s.Significant ? "yes" : "no");
                }

                console.Write(split);
            }
        }
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Signed(double? value) => value?.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture) ?? "";

    private static string Percent(double? value, bool signed = true) =>
        value is null ? "" : (value.Value * 100).ToString(signed ? "+0.##;-0.##;0" : "0.##", CultureInfo.InvariantCulture) + "%";
}
