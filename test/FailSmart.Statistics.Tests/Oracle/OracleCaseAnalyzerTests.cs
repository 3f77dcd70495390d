using System.Text.Json;
using FailSmart.Cli.ReferenceCases;

namespace FailSmart.Statistics.Tests.Oracle;

/// <summary>
/// Every reference case, one test each, within its stated tolerance. The expected values come from
/// SciPy 1.10.1 / statsmodels 0.13.5 / NumPy / R rpact (see the file's <c>generator</c> block).
/// </summary>
public sealed class OracleCaseAnalyzerTests
{
    public static TheoryData<string> CaseIds => ReferenceCases.Ids();

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Analyze_reference_case_matches_expected_within_tolerance(string id)
    {
        JsonElement testCase = ReferenceCases.Case(id);
        OracleCaseResult result = OracleCaseAnalyzer.Analyze(testCase);

        result.Error.ShouldBeNull();
        result.Id.ShouldBe(id);
        var problems = ExpectedComparer.Differences(
            testCase.GetProperty("expected"), result.Output, Tolerance.For(ReferenceCases.Root(), testCase));
        problems.Count.ShouldBe(0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AnalyzeAll_whole_reference_file_matches_every_expected_block()
    {
        JsonElement root = ReferenceCases.Root();
        IReadOnlyList<OracleCaseResult> results = OracleCaseAnalyzer.AnalyzeAll(root);

        results.Count.ShouldBe(root.GetProperty("cases").GetArrayLength());
        results.Count.ShouldBe(514);
        var failures = new List<string>();
        int i = 0;
        foreach (JsonElement testCase in root.GetProperty("cases").EnumerateArray())
        {
            OracleCaseResult result = results[i++];
            if (!result.IsSuccess)
            {
                failures.Add(result.Error!);
                continue;
            }

            foreach (string p in ExpectedComparer.Differences(testCase.GetProperty("expected"), result.Output, Tolerance.For(root, testCase)))
            {
                failures.Add($"{result.Id}: {p}");
            }
        }

        failures.Count.ShouldBe(0, string.Join(Environment.NewLine, failures.Take(40)));
    }
}
