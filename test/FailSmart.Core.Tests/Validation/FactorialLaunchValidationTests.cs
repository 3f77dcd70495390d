using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FailSmart.Core.Validation;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Validation;

/// <summary>What a factorial launch needs of itself and of the flags it switches.</summary>
public sealed class FactorialLaunchValidationTests
{
    private static IReadOnlyList<ValidationProblem> Validate(Configuration c) => ConfigurationValidator.Validate(c);

    [Fact]
    public void A_launch_whose_flags_all_assign_through_it_is_valid_although_its_cells_are_not_flag_variations()
    {
        Validate(Launches.Configuration("spring", "a", "b", "c")).ShouldBeEmpty();
    }

    [Fact]
    public void A_feature_naming_an_unknown_flag_is_advice_that_does_not_block_evaluation()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        config = config with { Flags = [config.Flags[0]] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.experiments[0].factorial.features[1].flag");
        problem.Message.ShouldBe("Unknown flag 'f1': the launch randomises this feature, but no flag serves it.");
        problem.Code.ShouldBe(ValidationProblem.IncompleteLaunchCode);
        problem.Blocks.ShouldBeFalse();
        new Core.Evaluation.Evaluator(config, Env).Evaluate("f0", Core.Values.Attributes.Of(("id", "u"))).InExperiment.ShouldBeTrue();
    }

    [Fact]
    public void A_string_flag_is_refused_and_the_hint_says_only_boolean_flags_are_switched()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        config = config with { Flags = [config.Flags[0], StringFlag("f1", ["x", "y"], "x", RunExperiment("launch", "spring"))] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.experiments[0].factorial.features[1].flag");
        problem.Hint.ShouldContain("boolean flags only");
        problem.Blocks.ShouldBeTrue();
    }

    [Fact]
    public void A_flag_that_serves_the_launch_must_be_one_of_its_features()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        config = config with { Flags = [.. config.Flags, BooleanFlag("stray", true, RunExperiment("r", "spring"))] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.flags[2].environments.production.rules[0].experiment.key");
        problem.Message.ShouldBe("Flag 'stray' is not a feature of the factorial launch 'spring'.");
    }

    [Fact]
    public void Where_one_feature_serves_the_launch_every_feature_must()
    {
        Configuration config = Launches.Configuration("spring", "a", "b", "c");
        config = config with { Flags = [config.Flags[0], BooleanFlag("f1", true), config.Flags[2]] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.flags[1].environments.production.rules");
        problem.Message.ShouldStartWith("Flag 'f1' has no rule that assigns through launch 'spring' in 'production', where 'f0' does");
        problem.Code.ShouldBe(ValidationProblem.IncompleteLaunchCode);
    }

    [Fact]
    public void A_launch_not_yet_served_anywhere_is_valid()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        config = config with { Flags = [BooleanFlag("f0", true), BooleanFlag("f1", true)] };

        Validate(config).ShouldBeEmpty();
    }

    [Fact]
    public void A_flag_may_be_in_one_running_launch_but_a_stopped_one_does_not_count()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        Experiment second = Launches.Launch("summer", [new("f0", "c"), new("f1", "d")]);

        IReadOnlyList<ValidationProblem> problems = Validate(config with { Experiments = [.. config.Experiments, second] });
        Validate(config with { Experiments = [.. config.Experiments, second with { Status = ExperimentStatus.Stopped }] }).ShouldBeEmpty();

        problems.Select(p => p.Path).ShouldBe(["$.experiments[1].factorial.features[0].flag", "$.experiments[1].factorial.features[1].flag"]);
        problems[0].Message.ShouldBe("Flag 'f0' is already a feature of the running launch 'spring'.");
    }

    [Fact]
    public void A_launch_with_one_feature_a_shared_seed_or_other_variations_is_refused()
    {
        Configuration config = Launches.Configuration("spring", "a", "b");
        Experiment launch = config.Experiments[0];

        Validate(config with { Experiments = [launch with { Factorial = new FactorialDesign([new("f0", "a")]) }] })
            .ShouldContain(p => p.Path == "$.experiments[0].factorial.features");
        Validate(config with { Experiments = [launch with { Factorial = new FactorialDesign([new("f0", "a"), new("f1", "a")]) }] })
            .Single().Path.ShouldBe("$.experiments[0].factorial.features[1].seed");
        Validate(config with { Experiments = [launch with { Variations = [new("00", 0.5), new("11", 0.5)] }] })
            .Single().Path.ShouldBe("$.experiments[0].variations");
    }
}
