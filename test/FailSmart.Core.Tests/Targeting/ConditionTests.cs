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

    [Theory]
    [InlineData("""{"nums": {"$elemMatch": {"$lt": 1}}}""", """{"nums": [0]}""", true)]
    [InlineData("""{"flags": {"$elemMatch": {"$eq": false}}}""", """{"flags": [false]}""", true)]
    [InlineData("""{"names": {"$elemMatch": {"$eq": ""}}}""", """{"names": [""]}""", true)]
    [InlineData("""{"names": {"$elemMatch": {"$exists": false}}}""", """{"names": [null]}""", false)]
    [InlineData("""{"pairs": {"$elemMatch": {"0": 1}}}""", """{"pairs": [[1, 2]]}""", true)]
    public void Evaluate_elemMatch_skips_only_null_items(string condition, string attributes, bool expected)
    {
        Condition.Parse(condition).Evaluate(Attributes.FromObject(DataValue.Parse(attributes).AsObject()!)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"orders.0.total": {"$gt": 10}}""", true)]
    [InlineData("""{"orders.1.total": 5}""", true)]
    [InlineData("""{"orders.2.total": {"$exists": false}}""", true)]
    [InlineData("""{"orders.length": 2}""", true)]
    [InlineData("""{"orders.01.total": {"$exists": false}}""", true)]
    [InlineData("""{"tags.length": {"$gte": 3}}""", true)]
    [InlineData("""{"tags.1": "b"}""", true)]
    [InlineData("""{"name.length": {"$exists": false}}""", true)]
    public void Evaluate_path_reads_array_items_and_length(string condition, bool expected)
    {
        var attributes = Attributes.FromObject(DataValue.Parse("""{"orders": [{"total": 12}, {"total": 5}], "tags": ["a", "b", "c"], "name": "abc"}""").AsObject()!);

        Condition.Parse(condition).Evaluate(attributes).ShouldBe(expected);
    }
}
