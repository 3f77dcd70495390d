using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Targeting;

public sealed class ConditionTests
{
    [Fact]
    public void Parse_bad_regex_reports_problem_and_never_matches()
    {
        var condition = Condition.Parse("""{"name": {"$regex": "/???***[)"}}""");

        condition.Problems.Single().Path.ShouldBe(".name['$regex']");
        condition.Evaluate(Attributes.Of(("name", "/???***[)"))).ShouldBeFalse();
    }

    [Fact]
    public void Parse_unknown_operator_reports_problem_with_hint()
    {
        var condition = Condition.Parse("""{"$or": [{"age": {"$gtx": 3}}]}""");

        ConditionProblem problem = condition.Problems.Single();
        problem.Path.ShouldBe("['$or'][0].age['$gtx']");
        problem.Hint.ShouldContain("$gte");
    }

    [Fact]
    public void Parse_malformed_json_gives_a_condition_that_never_matches()
    {
        var condition = Condition.Parse("{\"a\": ");

        condition.IsValid.ShouldBeFalse();
        condition.Evaluate(Attributes.Empty).ShouldBeFalse();
    }

    [Fact]
    public void Parse_collects_saved_group_references()
    {
        var condition = Condition.Parse("""{"id": {"$inGroup": "beta"}, "$or": [{"email": {"$notInGroup": "staff"}}]}""");

        condition.ReferencedGroups.ShouldBe(["beta", "staff"], ignoreOrder: true);
    }

    [Fact]
    public void Evaluate_regex_on_number_attribute_uses_its_javascript_text()
    {
        Condition.Parse("""{"n": {"$regex": "^1\\.5$"}}""").Evaluate(Attributes.Of(("n", 1.5))).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_in_with_many_values_uses_set_and_agrees_with_scan()
    {
        string list = string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"u{i}\""));
        var condition = Condition.Parse("{\"id\": {\"$in\": [" + list + "]}}");

        condition.Evaluate(Attributes.Of(("id", "u42"))).ShouldBeTrue();
        condition.Evaluate(Attributes.Of(("id", "u50"))).ShouldBeFalse();
    }

    [Fact]
    public void Explain_nested_or_records_depth_and_actual_values()
    {
        var condition = Condition.Parse("""{"$or": [{"country": "NZ"}, {"age": {"$gt": 30}}]}""");
        var checks = new List<ConditionCheck>();

        bool matched = condition.Explain(Attributes.Of(("country", "AU"), ("age", 40)), null, checks);

        matched.ShouldBeTrue();
        checks.Select(c => (c.Depth, c.Target, c.Passed)).ShouldBe([(0, "$or", true), (1, "country", false), (1, "age", true)]);
        checks[2].Actual.ShouldBe("40");
    }
}
