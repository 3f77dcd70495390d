using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Testing;

namespace FailSmart.Protocol.Tests.Configuration;

public sealed class ConfigDocumentTests
{
    private static string Example() =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json"));

    private static IReadOnlyList<ValidationProblem> ProblemsOf(string json) => ConfigDocument.Parse(json).Problems;

    private static string Doc(string experiments = "[]", string flags = "[]", string segments = "[]", string layers = "[]") =>
        $$"""{"version": 1, "flags": {{flags}}, "segments": {{segments}}, "experiments": {{experiments}}, "layers": {{layers}}}""";

    private static string BoolFlag(string key, string rules = "[]", string prerequisites = "[]") =>
        "{\"key\": \"" + key + "\", \"type\": \"boolean\", \"variations\": [{\"key\": \"off\", \"value\": false}, {\"key\": \"on\", \"value\": true}],"
        + " \"prerequisites\": " + prerequisites + ","
        + " \"environments\": {\"production\": {\"enabled\": true, \"offVariation\": \"off\", \"defaultVariation\": \"off\", \"rules\": " + rules + "}}}";

    [Fact]
    public void Parse_example_document_gives_a_valid_model()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Example());

        result.Problems.ShouldBeEmpty();
        Core.Model.Configuration config = result.Configuration.ShouldNotBeNull();
        config.Flags.Select(f => f.Key).ShouldBe(["new-checkout", "checkout-button", "no-ads"]);
        config.Experiments[0].Layer!.Buckets.End.ShouldBe(5000);
        config.Holdouts.Single().Scope.All.ShouldBeTrue();
        config.Flags[0].Environments["production"].Rules[2].Action.ShouldBe(new RolloutAction("on", new RolloutStage(0.10)));
    }

    [Fact]
    public void Parse_example_document_evaluates()
    {
        var evaluator = new Evaluator(ConfigDocument.Parse(Example()).Configuration!, "production");

        EvaluationResult staff = evaluator.Evaluate("new-checkout", Attributes.Of(("id", "u-9"), ("email", "ann@failsmart.dev")));

        staff.Reason.ShouldBe(EvaluationReason.TargetingMatch);
        staff.RuleId.ShouldBe("staff");
    }

    [Fact]
    public void Serialize_then_parse_round_trips_the_model()
    {
        Core.Model.Configuration original = ConfigDocument.Parse(Example()).Configuration!;

        string written = ConfigDocument.Serialize(original);
        ConfigLoadResult again = ConfigDocument.Parse(written);

        again.Problems.ShouldBeEmpty();
        ConfigDocument.Serialize(again.Configuration!).ShouldBe(written);
        again.Configuration!.Experiments.SelectMany(e => e.Variations).ShouldBe(original.Experiments.SelectMany(e => e.Variations));
        again.Configuration.Experiments.Select(e => e with { Variations = [] }).ShouldBe(original.Experiments.Select(e => e with { Variations = [] }));
    }

    [Fact]
    public void Parse_malformed_json_reports_line_and_no_model()
    {
        ConfigLoadResult result = ConfigDocument.Parse("{\n  \"flags\": [\n    {\"key\": }\n  ]\n}");

        result.Configuration.ShouldBeNull();
        result.Problems.Single().Message.ShouldContain("line 3");
    }

    [Fact]
    public void Parse_wrong_property_type_reports_its_path()
    {
        ConfigLoadResult result = ConfigDocument.Parse("""{"flags": [{"key": 42}]}""");

        result.Problems.Single().Path.ShouldBe("$.flags[0].key");
    }

    [Fact]
    public void Parse_reports_every_problem_with_path_and_hint()
    {
        string experiments = """
            [{"key": "a", "variations": [{"key": "off", "weight": 0.7}, {"key": "on", "weight": 0.6}], "coverage": 1.5, "layer": {"key": "l", "buckets": [0, 6000]}},
             {"key": "b", "variations": [{"key": "off", "weight": 0.5}, {"key": "on", "weight": 0.5}], "layer": {"key": "l", "buckets": [5000, 10000]}}]
            """;
        string flags = "[" + BoolFlag("x", """[{"id": "r", "segments": ["nobody"], "condition": {"ua": {"$regex": "("}, "n": {"$bogus": 1}}, "force": {"variation": "on"}}]""", """[{"flag": "y", "variations": ["on"]}]""")
            + "," + BoolFlag("y", "[]", """[{"flag": "x", "variations": ["on"]}]""") + "]";

        IReadOnlyList<ValidationProblem> problems = ProblemsOf(Doc(experiments, flags, layers: """[{"key": "l", "salt": "l"}]"""));

        string[] paths = [.. problems.Select(p => p.Path)];
        paths.ShouldContain("$.experiments[0].variations");
        paths.ShouldContain("$.experiments[0].coverage");
        paths.ShouldContain("$.experiments[1].layer.buckets");
        paths.ShouldContain("$.flags[0].environments.production.rules[0].segments[0]");
        paths.ShouldContain("$.flags[0].environments.production.rules[0].condition.ua['$regex']");
        paths.ShouldContain("$.flags[0].environments.production.rules[0].condition.n['$bogus']");
        problems.ShouldContain(p => p.Message.StartsWith("Prerequisite cycle", StringComparison.Ordinal));
        problems.ShouldAllBe(p => p.Hint.Length > 0);
        problems.Single(p => p.Path == "$.experiments[0].variations").Message.ShouldBe("Weights sum to 1.3, not 1.");
    }

    [Fact]
    public void Parse_unknown_property_is_reported_with_known_ones()
    {
        ValidationProblem problem = ProblemsOf(Doc(flags: "[" + BoolFlag("x", """[{"id": "r", "rollout": {"variation": "on", "percent": 10}}]""") + "]"))
            .First(p => p.Message.Contains("Unknown property", StringComparison.Ordinal));

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.percent");
        problem.Hint.ShouldContain("percentage");
    }

    [Fact]
    public void Parse_rule_without_action_is_a_problem()
    {
        ProblemsOf(Doc(flags: "[" + BoolFlag("x", """[{"id": "r"}]""") + "]"))
            .ShouldContain(p => p.Path == "$.flags[0].environments.production.rules[0]" && p.Message == "The rule has no action.");
    }

    [Fact]
    public void Parse_invalid_condition_still_gives_an_evaluable_model()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc(flags: "[" + BoolFlag("x", """[{"id": "r", "condition": {"ua": {"$regex": "("}}, "force": {"variation": "on"}}]""") + "]"));

        result.IsValid.ShouldBeFalse();
        result.Problems.Single().Code.ShouldBe(ValidationProblem.InvalidConditionCode);
        var evaluator = new Evaluator(result.Configuration.ShouldNotBeNull(), "production");
        evaluator.Evaluate("x", Attributes.Of(("ua", "("))).Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Parse_regex_the_linear_engine_cannot_run_is_a_problem_at_its_path()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc(flags: "[" + BoolFlag("x", """[{"id": "r", "condition": {"ua": {"$regex": "^(?!bot)"}}, "force": {"variation": "on"}}]""") + "]"));

        ValidationProblem problem = result.Problems.Single();
        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].condition.ua['$regex']");
        problem.Message.ShouldContain("lookarounds");
        problem.Hint.ShouldContain("linear time");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Parse_experiment_phase_below_1_is_a_problem(int phase)
    {
        string json = Doc(experiments: "[{\"key\": \"x\", \"phase\": " + phase + ", \"variations\": [{\"key\": \"off\", \"weight\": 0.5}, {\"key\": \"on\", \"weight\": 0.5}]}]");

        ConfigLoadResult result = ConfigDocument.Parse(json);

        result.Configuration.ShouldBeNull();
        result.Problems.ShouldContain(p => p.Path == "$.experiments[0].phase");
    }

    [Fact]
    public void Parse_number_beyond_a_double_is_a_problem_at_its_path()
    {
        string json = Doc(flags: "[{\"key\": \"n\", \"type\": \"number\", \"variations\": [{\"key\": \"big\", \"value\": 1e400}], \"environments\": {}}]");

        ConfigLoadResult result = ConfigDocument.Parse(json);

        result.Configuration.ShouldBeNull();
        result.Problems.Single().Path.ShouldBe("$.flags[0].variations[0].value");
    }

    [Fact]
    public void Parse_duplicate_property_is_a_problem_at_its_path()
    {
        string json = Doc(layers: "[{\"key\": \"a\", \"salt\": \"one\", \"salt\": \"two\"}]");

        ConfigLoadResult result = ConfigDocument.Parse(json);

        result.Configuration.ShouldBeNull();
        result.Problems.Single().Path.ShouldBe("$.layers[0].salt");
    }

    [Fact]
    public void Parse_lone_surrogate_in_a_condition_is_a_problem_not_an_exception()
    {
        string rule = "[{\"id\": \"r\", \"condition\": {\"country\": \"\\ud800\"}, \"force\": {\"variation\": \"on\"}}]";

        ConfigLoadResult result = ConfigDocument.Parse(Doc(flags: "[" + BoolFlag("f", rule) + "]"));

        result.Configuration.ShouldBeNull();
        result.Problems.Single().Path.ShouldBe("$.flags[0].environments.production.rules[0].condition.country");
    }
}
