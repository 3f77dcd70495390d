using System.Text.Json;
using FailSmart.Cli.ReferenceCases;

namespace FailSmart.Statistics.Tests.Oracle;

public sealed class OracleCaseAnalyzerErrorTests
{
    private const string Good = """{"id": "ok", "kind": "srm_chisq", "params": {"threshold": 0.001}, "input": {"users": [500, 500], "weights": [0.5, 0.5]}}""";

    private static OracleCaseResult AnalyzeOne(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return OracleCaseAnalyzer.Analyze(doc.RootElement);
    }

    [Fact]
    public void Analyze_unknown_kind_names_the_case_and_the_kind_field()
    {
        OracleCaseResult r = AnalyzeOne("""{"id": "x1", "kind": "anova"}""");

        r.IsSuccess.ShouldBeFalse();
        r.Output.ShouldBeNull();
        r.Error.ShouldStartWith("Case 'x1': field 'kind' is 'anova', which is not a known kind");
    }

    [Fact]
    public void Analyze_missing_arm_field_names_the_dotted_path()
    {
        OracleCaseResult r = AnalyzeOne("""{"id": "m1", "kind": "mean_welch", "params": {"alpha": 0.05}, "control": {"n": 10, "sum": 5}, "treatment": {"n": 10, "sum": 6, "sum_sq": 9}}""");

        r.Error.ShouldBe("Case 'm1': field 'control.sum_sq' is missing.");
    }

    [Fact]
    public void Analyze_text_where_a_number_belongs_names_the_field()
    {
        OracleCaseResult r = AnalyzeOne("""{"id": "s1", "kind": "srm_chisq", "input": {"users": [10, "many"], "weights": [0.5, 0.5]}}""");

        r.Error.ShouldBe("Case 's1': field 'input.users[1]' must be a number.");
    }

    [Fact]
    public void Analyze_reads_infinity_written_as_a_string()
    {
        OracleCaseResult r = AnalyzeOne("""{"id": "i1", "kind": "srm_chisq", "input": {"users": [10, 12], "weights": [1, 1]}, "params": {"threshold": "Infinity"}}""");

        r.IsSuccess.ShouldBeTrue();
        r.Output!["flagged"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void AnalyzeAll_bad_case_does_not_affect_the_others()
    {
        using JsonDocument doc = JsonDocument.Parse($$"""{"cases": [{{Good}}, {"id": "bad", "kind": "nope"}, {{Good}}]}""");

        IReadOnlyList<OracleCaseResult> results = OracleCaseAnalyzer.AnalyzeAll(doc.RootElement);

        results.Select(r => r.IsSuccess).ShouldBe([true, false, true]);
        results[0].Output!["chi2"]!.GetValue<double>().ShouldBe(0.0);
        results[1].Id.ShouldBe("bad");
    }

    [Fact]
    public void Analyze_invalid_statistics_report_the_case_instead_of_throwing()
    {
        OracleCaseResult r = AnalyzeOne("""{"id": "n1", "kind": "mean_welch", "control": {"n": 1, "sum": 5, "sum_sq": 25}, "treatment": {"n": 10, "sum": 6, "sum_sq": 9}}""");

        r.IsSuccess.ShouldBeFalse();
        r.Error.ShouldStartWith("Case 'n1': invalid input");
    }

    [Fact]
    public void Analyze_quantile_kind_reads_unit_values()
    {
        string values = string.Join(", ", Enumerable.Range(1, 100));
        OracleCaseResult r = AnalyzeOne($$$"""{"id": "q1", "kind": "quantile", "params": {"probability": 0.5}, "control": {"values": [{{{values}}}]}, "treatment": {"values": [{{{values}}}]}}""");

        r.Error.ShouldBeNull();
        r.Output!["control_quantile"]!.GetValue<double>().ShouldBe(50.5);
        r.Output!["absolute"]!["estimate"]!.GetValue<double>().ShouldBe(0);
    }

    [Fact]
    public void ToJson_writes_output_or_error_and_infinity_as_text()
    {
        var ok = new OracleCaseResult("a", "srm_chisq", new System.Text.Json.Nodes.JsonObject { ["p"] = double.PositiveInfinity }, null);
        var bad = new OracleCaseResult("b", "nope", null, "Case 'b': field 'kind' is 'nope'.");

        ok.ToJson().ToJsonString(OracleCaseResult.JsonOptions).ShouldContain("\"p\": \"Infinity\"");
        bad.ToJson()["error"]!.GetValue<string>().ShouldBe("Case 'b': field 'kind' is 'nope'.");
    }
}
