using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>
/// Analyses cases written in the reference-case form (<c>id</c>, <c>kind</c>, <c>params</c>/<c>input</c>,
/// per-arm <c>control</c>/<c>treatment</c> statistics) and returns outputs named as in the reference's
/// <c>expected</c> block. This is the engine behind <c>failsmart stats analyze FILE</c>.
/// A malformed or unknown case yields an error result for that case only.
/// </summary>
internal static class OracleCaseAnalyzer
{
    /// <summary>The kinds this analyzer understands.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "mean_welch", "proportion", "ratio_delta", "cuped", "sequential", "bayes_normal", "srm_chisq",
        "multiple_testing", "power_mean", "power_proportion", "non_inferiority", "group_sequential_bounds",
        "quantile", "cuped_ratio",
    ];

    /// <summary>Analyses every case of a document: either <c>{"cases": [...]}</c>, a bare array, or one case.</summary>
    public static IReadOnlyList<OracleCaseResult> AnalyzeAll(JsonElement document)
    {
        JsonElement cases = document;
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("cases", out JsonElement inner))
        {
            cases = inner;
        }

        if (cases.ValueKind == JsonValueKind.Object)
        {
            return [Analyze(cases)];
        }

        if (cases.ValueKind != JsonValueKind.Array)
        {
            return [new OracleCaseResult("(document)", "", null, "The document must be a case, an array of cases, or an object with a 'cases' array.")];
        }

        var results = new List<OracleCaseResult>(cases.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in cases.EnumerateArray())
        {
            results.Add(Analyze(item, index++));
        }

        return results;
    }

    /// <summary>Analyses one case.</summary>
    public static OracleCaseResult Analyze(JsonElement caseElement) => Analyze(caseElement, null);

    private static OracleCaseResult Analyze(JsonElement caseElement, int? index)
    {
        string fallbackId = index is null ? "(case)" : $"(case #{index})";
        if (caseElement.ValueKind != JsonValueKind.Object)
        {
            return new OracleCaseResult(fallbackId, "", null, $"Case {fallbackId}: must be a JSON object.");
        }

        var reader = new CaseReader(caseElement);
        string id = reader.Has("id") && reader.Get("id").ValueKind == JsonValueKind.String ? reader.String("id") : fallbackId;
        string kind = reader.Has("kind") && reader.Get("kind").ValueKind == JsonValueKind.String ? reader.String("kind") : "";
        try
        {
            if (kind.Length == 0)
            {
                throw new MalformedCaseException("kind", "is missing");
            }

            JsonObject output = kind switch
            {
                "mean_welch" => OracleKinds.MeanWelch(reader),
                "proportion" => OracleKinds.Proportion(reader),
                "ratio_delta" => OracleKinds.RatioDelta(reader),
                "cuped" => OracleKinds.Cuped(reader),
                "sequential" => OracleKinds.Sequential(reader),
                "bayes_normal" => OracleKinds.BayesNormal(reader),
                "srm_chisq" => OracleKinds.Srm(reader),
                "multiple_testing" => OracleKinds.MultipleTesting(reader),
                "power_mean" => OracleKinds.PowerMean(reader),
                "power_proportion" => OracleKinds.PowerProportion(reader),
                "non_inferiority" => OracleKinds.NonInferiority(reader),
                "group_sequential_bounds" => OracleKinds.GroupSequentialBounds(reader),
                "quantile" => OracleKinds.Quantile(reader),
                "cuped_ratio" => OracleKinds.CupedRatio(reader),
                _ => throw new MalformedCaseException("kind", $"is '{kind}', which is not a known kind (known: {string.Join(", ", Kinds)})"),
            };
            return new OracleCaseResult(id, kind, output, null);
        }
        catch (MalformedCaseException ex)
        {
            return new OracleCaseResult(id, kind, null, $"Case '{id}': {ex.Message}.");
        }
        catch (ArgumentException ex)
        {
            return new OracleCaseResult(id, kind, null, $"Case '{id}': invalid input ({ex.Message}).");
        }
    }
}
