using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Targeting;

/// <summary>
/// "$regex" follows JavaScript (as GrowthBook's SDKs run it), in linear time. Expected values are
/// what node's RegExp answers; the differential test checks many more against node itself.
/// </summary>
public sealed class RegexConditionTests
{
    private static bool Matches(string op, string pattern, string value) =>
        Condition.From(DataValue.FromObject([new("v", DataValue.FromObject([new(op, pattern)]))]))
            .Evaluate(Attributes.Of(("v", value)));

    [Theory]
    [InlineData(@"^\d{4}$", "1234", true)]
    [InlineData(@"^\d{4}$", "١٢٣٤", false)]
    [InlineData(@"^\w+$", "héllo", false)]
    [InlineData(@"^abc$", "abc\n", false)]
    [InlineData(@"^a.c$", "a\rc", false)]
    [InlineData(@"^a.c$", "a\u2028c", false)]
    [InlineData(@"^a.c$", "a\u0085c", true)]
    [InlineData(@"^\s$", "\uFEFF", true)]
    [InlineData(@"^\s$", "\u0085", false)]
    [InlineData(@"^[^]$", "x", true)]
    [InlineData(@"[]", "", false)]
    [InlineData(@"^\p{L}$", "p{L}", true)]
    [InlineData(@"^\a\e$", "ae", true)]
    [InlineData(@"^\x41\u0042$", "AB", true)]
    [InlineData(@"^[\d-z]+$", "1-z", true)]
    [InlineData(@"^[\b]$", "\b", true)]
    [InlineData(@"^\cJ$", "\n", true)]
    [InlineData(@"^\c1$", @"\c1", true)]
    [InlineData(@"^a{,2}$", "a{,2}", true)]
    [InlineData(@"^x{2}$", "xx", true)]
    [InlineData(@"^/path/$", "/path/", true)]
    [InlineData(@"-12-25$", "1990-12-25", true)]
    public void Evaluate_regex_follows_javascript(string pattern, string value, bool expected)
    {
        Matches("$regex", pattern, value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("ABC", "abc", true)]
    [InlineData("[a-c]+", "ABC", true)]
    [InlineData("[^a]", "A", false)]
    [InlineData("s", "\u017F", false)]
    [InlineData("k", "\u212A", false)]
    [InlineData("\u00B5", "\u039C", true)]
    public void Evaluate_regexi_folds_case_as_javascript(string pattern, string value, bool expected)
    {
        Matches("$regexi", pattern, value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("a(?=b)", "lookarounds")]
    [InlineData("a(?!b)", "lookarounds")]
    [InlineData("(?<=a)b", "lookarounds")]
    [InlineData("(?<!a)b", "lookarounds")]
    [InlineData(@"(a)\1", "backreferences")]
    [InlineData(@"(?<x>a)\k<x>", "backreferences")]
    [InlineData("(?i)abc", "invalid group")]
    [InlineData("(?>a)", "invalid group")]
    [InlineData("a**", "nothing to repeat")]
    [InlineData("^*", "nothing to repeat")]
    [InlineData("(a", "unterminated group")]
    [InlineData("a)", "unmatched ')'")]
    [InlineData("[a", "unterminated character class")]
    [InlineData("[z-a]", "range out of order")]
    [InlineData("a{3,2}", "out of order")]
    [InlineData(@"\", @"\ at end")]
    [InlineData(@"[\1]", "octal")]
    public void Parse_regex_the_linear_engine_cannot_run_or_javascript_rejects_is_refused_with_its_path(string pattern, string reason)
    {
        var condition = Condition.From(DataValue.FromObject([new("ua", DataValue.FromObject([new("$regex", pattern)]))]));

        ConditionProblem problem = condition.Problems.Single();
        problem.Path.ShouldBe(".ua['$regex']");
        problem.Message.ShouldContain(reason);
        condition.Evaluate(Attributes.Of(("ua", pattern))).ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_catastrophic_patterns_answer_without_a_timeout()
    {
        // Each takes exponential time on a backtracking engine. The linear engine answers at once, so
        // the answer is the real one (no match), not a timeout counted as no match.
        string[] patterns = [@"^(a+)+$", @"^(a|a)*$", @"^(a|aa)+$", @"^(\w+\s?)*$", @"^([a-z]+)*[0-9]$"];
        string input = new string('a', 5_000) + "!";
        string conditions = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"{{\"s\": {{\"$regex\": {System.Text.Json.JsonSerializer.Serialize(patterns[i % patterns.Length])}}}}}"));
        var condition = Condition.Parse("{\"$or\": [" + conditions + "]}");

        condition.Problems.ShouldBeEmpty();
        condition.Evaluate(Attributes.Of(("s", input))).ShouldBeFalse();
        condition.Evaluate(Attributes.Of(("s", new string('a', 5_000)))).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_pattern_that_matches_only_after_catastrophic_backtracking_matches()
    {
        // The match is the final "z", reached only after (x+x+)+y fails at every earlier position: a
        // backtracking engine gives up (a timeout counted as no match); the linear engine finds it.
        var condition = Condition.Parse("""{"s": {"$regex": "(x+x+)+y|z"}}""");

        condition.Evaluate(Attributes.Of(("s", new string('x', 5_000) + "z"))).ShouldBeTrue();
    }
}
