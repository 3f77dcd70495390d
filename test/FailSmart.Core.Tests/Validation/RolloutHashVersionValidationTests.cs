using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Validation;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Validation;

/// <summary>A rollout hashes with version 2 or, for rollouts moved from GrowthBook, version 1; nothing else.</summary>
public sealed class RolloutHashVersionValidationTests
{
    private const string Path = "$.flags[0].environments.production.rules[0].rollout.hashVersion";

    private static IReadOnlyList<ValidationProblem> Validate(RolloutAction rollout) =>
        ConfigurationValidator.Validate(new Configuration { Flags = [BooleanFlag("ramp", true, new Rule("r", Condition.Always, rollout))] });

    [Theory]
    [InlineData(HashVersion.V1)]
    [InlineData(HashVersion.V2)]
    public void Validate_rollout_on_version_1_or_2_has_no_problems(HashVersion version) =>
        Validate(new RolloutAction("on", new RolloutStage(0.25)) { HashVersion = version, FallbackAttribute = "deviceId", Seed = "s" }).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Validate_unknown_hash_version_names_the_field_and_the_two_known_ones(int version)
    {
        ValidationProblem problem = Validate(new RolloutAction("on", new RolloutStage(0.25)) { HashVersion = (HashVersion)version }).ShouldHaveSingleItem();

        problem.Path.ShouldBe(Path);
        problem.Message.ShouldBe($"Unknown hash version {version}.");
        problem.Hint.ShouldBe("Use 2 (the default), or 1 for a rollout moved from GrowthBook on its default hash, so its units stay where they were.");
    }

    [Fact]
    public void Validate_guarded_rollout_on_version_1_is_refused_with_how_to_fix_it()
    {
        var plan = new RolloutPlan(RolloutPlan.DefaultStages);

        ValidationProblem problem = Validate(new RolloutAction("on", new RolloutStage(0.05)) { HashVersion = HashVersion.V1, Plan = plan }).ShouldHaveSingleItem();

        problem.Path.ShouldBe(Path);
        problem.Message.ShouldStartWith("A guarded rollout hashes with version 2 only");
        problem.Hint.ShouldContain("remove \"plan\"");
    }

    [Fact]
    public void Validate_version_1_with_feature_management_bucketing_is_refused()
    {
        var rollout = new RolloutAction("on", new RolloutStage(0.5)) { HashVersion = HashVersion.V1, FeatureManagement = new FeatureManagementBucketing(0, 50) };

        ValidationProblem problem = Validate(rollout).ShouldHaveSingleItem();

        problem.Path.ShouldBe(Path);
        problem.Message.ShouldBe("Hash version 1 is GrowthBook's; Microsoft.FeatureManagement's bucketing has its own hash.");
    }
}
