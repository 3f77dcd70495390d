using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Protocol.Tests.Configuration;

public sealed class FeatureManagementBucketingDocumentTests
{
    private static string Doc(string rollout) =>
        """{"version": 1, "flags": [{"key": "Beta", "variations": [{"key": "on", "value": true}, {"key": "off", "value": false}],"""
        + """ "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "imported", "rollout": """ + rollout + "}]}}}]}";

    private static IReadOnlyList<ValidationProblem> ProblemsOf(string rollout) => ConfigDocument.Parse(Doc(rollout)).Problems;

    [Fact]
    public void Parse_feature_management_bucketing_keeps_the_range_as_written()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 33.3, "from": 12.5, "bucketing": "feature-management", "seed": "allocation\nBeta"}"""));

        result.Problems.ShouldBeEmpty();
        var action = (RolloutAction)result.Configuration.ShouldNotBeNull().Flags[0].Environments["production"].Rules[0].Action;
        action.FeatureManagement.ShouldBe(new FeatureManagementBucketing(12.5, 33.3));
        action.Seed.ShouldBe("allocation\nBeta");
    }

    [Fact]
    public void Serialize_then_parse_keeps_the_bucketing_and_its_exact_percentages()
    {
        Core.Model.Configuration configuration = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 33.3, "from": 12.5, "bucketing": "feature-management"}""")).Configuration.ShouldNotBeNull();

        string written = ConfigDocument.Serialize(configuration);
        ConfigLoadResult again = ConfigDocument.Parse(written);

        again.Problems.ShouldBeEmpty();
        var action = (RolloutAction)again.Configuration.ShouldNotBeNull().Flags[0].Environments["production"].Rules[0].Action;
        action.FeatureManagement.ShouldBe(new FeatureManagementBucketing(12.5, 33.3));
        written.ShouldContain("\"bucketing\": \"feature-management\"");
    }

    [Fact]
    public void Evaluate_imported_rollout_serves_the_units_whose_targeting_percentage_is_in_the_range()
    {
        Core.Model.Configuration configuration = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 50, "from": 20, "bucketing": "feature-management", "seed": "hint"}""")).Configuration.ShouldNotBeNull();
        var evaluator = new Evaluator(configuration, "production");
        string[] ids = [.. Enumerable.Range(0, 2_000).Select(i => "user-" + i)];

        string[] served = [.. ids.Where(id => evaluator.Evaluate("Beta", Attributes.Of(("id", id))).Value.AsBoolean())];

        served.ShouldBe([.. ids.Where(id => Core.Bucketing.FeatureManagementHash.Percentage(id, "hint") is >= 20 and < 50)]);
        (served.Length / 2_000.0).ShouldBe(0.30, 0.04);
    }

    [Fact]
    public void Parse_from_without_feature_management_bucketing_names_the_field()
    {
        ValidationProblem problem = ProblemsOf("""{"variation": "on", "percentage": 50, "from": 20}""").ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.from");
        problem.Hint.ShouldContain("feature-management");
    }

    [Fact]
    public void Parse_unknown_bucketing_names_the_two_known_ones()
    {
        ValidationProblem problem = ProblemsOf("""{"variation": "on", "percentage": 50, "bucketing": "sha256"}""").ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.bucketing");
        problem.Hint.ShouldContain("\"growthbook\"");
    }

    [Fact]
    public void Parse_range_that_starts_after_its_end_is_refused()
    {
        ValidationProblem problem = ProblemsOf("""{"variation": "on", "percentage": 20, "from": 50, "bucketing": "feature-management"}""").ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.from");
    }

    [Fact]
    public void Parse_feature_management_bucketing_with_a_plan_is_refused()
    {
        IReadOnlyList<ValidationProblem> problems = ProblemsOf("""{"variation": "on", "percentage": 20, "bucketing": "feature-management", "plan": {}}""");

        problems.ShouldContain(p => p.Path == "$.flags[0].environments.production.rules[0].rollout.plan");
    }
}
