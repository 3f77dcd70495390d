using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Protocol.Tests.Configuration;

/// <summary>A rollout's <c>hashVersion</c> in the configuration document: 2 by default, 1 for rollouts moved from GrowthBook.</summary>
public sealed class RolloutHashVersionDocumentTests
{
    private const string Path = "$.flags[0].environments.production.rules[0].rollout.hashVersion";

    private static string Doc(string rollout) =>
        """{"version": 1, "flags": [{"key": "ramp", "variations": [{"key": "on", "value": true}, {"key": "off", "value": false}],"""
        + """ "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off", "rules": [{"id": "r", "rollout": """ + rollout + "}]}}}]}";

    private static RolloutAction RolloutOf(ConfigLoadResult result) =>
        (RolloutAction)result.Configuration.ShouldNotBeNull().Flags[0].Environments["production"].Rules[0].Action;

    [Fact]
    public void Parse_hash_version_1_gives_a_version_1_rollout_and_writes_it_back()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 30, "hashVersion": 1, "fallbackAttribute": "deviceId"}"""));

        result.Problems.ShouldBeEmpty();
        RolloutOf(result).HashVersion.ShouldBe(HashVersion.V1);
        string written = ConfigDocument.Serialize(result.Configuration!);
        written.ShouldContain("\"hashVersion\": 1");
        ConfigLoadResult again = ConfigDocument.Parse(written);
        again.Problems.ShouldBeEmpty();
        RolloutOf(again).ShouldBe(RolloutOf(result));
    }

    [Fact]
    public void Parse_without_hash_version_is_version_2_and_is_written_without_it()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 30}"""));
        ConfigLoadResult explicitTwo = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 30, "hashVersion": 2}"""));

        RolloutOf(result).HashVersion.ShouldBe(HashVersion.V2);
        RolloutOf(explicitTwo).ShouldBe(RolloutOf(result));
        ConfigDocument.Serialize(explicitTwo.Configuration!).ShouldNotContain("hashVersion");
    }

    [Theory]
    [InlineData("3", "Unknown hash version 3.")]
    [InlineData("0", "Unknown hash version 0.")]
    [InlineData("-2", "Unknown hash version -2.")]
    public void Parse_unknown_hash_version_is_refused_with_the_path_and_the_two_known_ones(string version, string message)
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 30, "hashVersion": """ + version + "}"));

        ValidationProblem problem = result.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(Path);
        problem.Message.ShouldBe(message);
        problem.Hint.ShouldContain("Use 2 (the default), or 1");
        result.Configuration.ShouldBeNull();
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    public void Parse_hash_version_that_is_not_a_whole_number_is_refused_at_its_path(string version)
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 30, "hashVersion": """ + version + "}"));

        result.Configuration.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().Path.ShouldBe(Path);
    }

    [Fact]
    public void Parse_guarded_rollout_on_version_1_is_refused()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""{"variation": "on", "percentage": 5, "hashVersion": 1, "plan": {}}"""));

        ValidationProblem problem = result.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(Path);
        problem.Message.ShouldStartWith("A guarded rollout hashes with version 2 only");
    }
}
