using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Validation;

public sealed class ConfigurationValidatorTests
{
    private static IReadOnlyList<ValidationProblem> Validate(Configuration c) => ConfigurationValidator.Validate(c);

    [Fact]
    public void Validate_valid_configuration_has_no_problems()
    {
        var config = new Configuration
        {
            Flags = [StringFlag("f", ["a", "b"], "a", RunExperiment("r", "e"))],
            Experiments = [Experiment("e", ["a", "b"], layer: InLayer("l", 0, 5000))],
            Layers = [new Layer("l", "salt")],
        };

        Validate(config).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_weights_not_summing_to_one()
    {
        var config = new Configuration { Experiments = [new Experiment("e", [new("a", 0.5), new("b", 0.6)])] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.experiments[0].variations");
        problem.Message.ShouldBe("Weights sum to 1.1, not 1.");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_coverage_outside_unit_interval(double coverage)
    {
        var config = new Configuration { Experiments = [Experiment("e", ["a", "b"]) with { Coverage = coverage }] };

        Validate(config).Single().Path.ShouldBe("$.experiments[0].coverage");
    }

    [Fact]
    public void Validate_overlapping_layer_ranges_names_both_experiments()
    {
        var config = new Configuration
        {
            Experiments = [Experiment("a", ["x", "y"], layer: InLayer("l", 0, 5000)), Experiment("b", ["x", "y"], layer: InLayer("l", 4999, 10000))],
            Layers = [new Layer("l", "salt")],
        };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.experiments[1].layer.buckets");
        problem.Message.ShouldContain("'a'");
        problem.Message.ShouldContain("'b'");
    }

    [Fact]
    public void Validate_stopped_experiment_may_share_buckets()
    {
        var config = new Configuration
        {
            Experiments = [Experiment("a", ["x", "y"], layer: InLayer("l", 0, 5000)) with { Status = ExperimentStatus.Stopped }, Experiment("b", ["x", "y"], layer: InLayer("l", 0, 5000))],
            Layers = [new Layer("l", "salt")],
        };

        Validate(config).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_unknown_segment_in_rule_and_in_group()
    {
        Rule rule = Force("r", """{"id": {"$inGroup": "ghosts"}}""", "on") with { Segments = ["nobody"] };
        var config = new Configuration { Flags = [BooleanFlag("f", true, rule)] };

        string[] paths = [.. Validate(config).Select(p => p.Path)];

        paths.ShouldBe(["$.flags[0].environments.production.rules[0].condition", "$.flags[0].environments.production.rules[0].segments[0]"]);
    }

    [Fact]
    public void Validate_prerequisite_cycle_is_reported_once_with_the_cycle()
    {
        Flag a = BooleanFlag("a") with { Prerequisites = [new Prerequisite("b", ["on"])] };
        Flag b = BooleanFlag("b") with { Prerequisites = [new Prerequisite("c", ["on"])] };
        Flag c = BooleanFlag("c") with { Prerequisites = [new Prerequisite("a", ["on"])] };

        ValidationProblem problem = Validate(new Configuration { Flags = [a, b, c] }).Single();

        problem.Message.ShouldBe("Prerequisite cycle: a -> b -> c -> a.");
        problem.Path.ShouldBe("$.flags[2].prerequisites[0].flag");
    }

    [Fact]
    public void Validate_invalid_condition_has_condition_code_and_full_path()
    {
        var config = new Configuration { Flags = [BooleanFlag("f", true, Force("r", """{"ua": {"$regex": "("}}""", "on"))] };

        ValidationProblem problem = Validate(config).Single();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].condition.ua['$regex']");
        problem.Code.ShouldBe(ValidationProblem.InvalidConditionCode);
    }

    [Fact]
    public void Validate_layer_hash_attribute_must_match_experiment()
    {
        var config = new Configuration
        {
            Experiments = [Experiment("e", ["a", "b"], layer: InLayer("l", 0, 100)) with { HashAttribute = "deviceId" }],
            Layers = [new Layer("l", "salt")],
        };

        Validate(config).Single().Path.ShouldBe("$.experiments[0].hashAttribute");
    }

    [Fact]
    public void Validate_holdout_with_invalid_span_and_unknown_scope()
    {
        var holdout = new Holdout("h", "s", new BucketSpan(0, 20_000), new HoldoutScope { Flags = ["ghost"] });

        string[] paths = [.. Validate(new Configuration { Holdouts = [holdout] }).Select(p => p.Path)];

        paths.ShouldBe(["$.holdouts[0].buckets", "$.holdouts[0].scope.flags[0]"]);
    }

    [Fact]
    public void Validate_variation_value_of_wrong_type()
    {
        Flag flag = BooleanFlag("f") with { Variations = [new FlagVariation("off", false), new FlagVariation("on", "yes")] };

        Validate(new Configuration { Flags = [flag] }).Single().Path.ShouldBe("$.flags[0].variations[1].value");
    }
}
