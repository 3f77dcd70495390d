using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Protocol.Tests.Configuration;

public sealed class RolloutPlanDocumentTests
{
    private static string Doc(string rollout, string experiments = "[]") =>
        """{"version": 1, "flags": [{"key": "checkout", "type": "string", "variations": [{"key": "old", "value": "old"}, {"key": "new", "value": "new"}, {"key": "beta", "value": "beta"}],"""
        + """ "environments": {"production": {"enabled": true, "offVariation": "old", "defaultVariation": "old", "rules": [{"id": "ramp", "rollout": """ + rollout + "}]}}}], \"experiments\": " + experiments + "}";

    private static RolloutAction ActionOf(ConfigLoadResult result) =>
        (RolloutAction)result.Configuration.ShouldNotBeNull().Flags[0].Environments["production"].Rules[0].Action;

    private static IReadOnlyList<ValidationProblem> ProblemsOf(string rollout) => ConfigDocument.Parse(Doc(rollout)).Problems;

    [Fact]
    public void Parse_full_plan_maps_every_field()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""
            {"variation": "new", "percentage": 25, "plan": {
              "stages": [{"percentage": 5, "minDuration": "PT6H", "minUnits": 200, "maxDuration": "P3D"},
                         {"percentage": 25, "requiresApproval": true, "maxDuration": "none"},
                         {"percentage": 100, "minDuration": "PT0S"}],
              "holdback": 2.5, "controlVariation": "beta", "phase": 4,
              "metrics": [{"key": "conversion", "role": "primary"}, {"key": "latency", "role": "guardrail", "margin": 0.02}, {"key": "revenue"}]}}
            """));

        result.Problems.ShouldBeEmpty();
        RolloutAction action = ActionOf(result);
        action.Stage.ShouldBe(new RolloutStage(0.25));
        RolloutPlan plan = action.Plan.ShouldNotBeNull();
        plan.Stages.ShouldBe([
            new RolloutPlanStage(0.05) { MinDuration = TimeSpan.FromHours(6), MinUnits = 200, MaxDuration = TimeSpan.FromDays(3) },
            new RolloutPlanStage(0.25) { RequiresApproval = true, MaxDuration = null },
            new RolloutPlanStage(1) { MinDuration = TimeSpan.Zero },
        ]);
        plan.Holdback.ShouldBe(0.025);
        plan.ControlVariation.ShouldBe("beta");
        plan.Phase.ShouldBe(4);
        plan.Metrics.ShouldBe([
            new MetricReference("conversion") { Role = MetricUse.Primary },
            new MetricReference("latency") { Role = MetricUse.Guardrail, Margin = 0.02 },
            new MetricReference("revenue"),
        ]);
    }

    [Fact]
    public void Parse_empty_plan_takes_the_defaults()
    {
        RolloutPlan plan = ActionOf(ConfigDocument.Parse(Doc("""{"variation": "new", "percentage": 0, "plan": {}}"""))).Plan.ShouldNotBeNull();

        plan.Stages.ShouldBe(RolloutPlan.DefaultStages);
        plan.Stages.Select(s => s.Fraction).ShouldBe([0.01, 0.05, 0.10, 0.25, 0.50, 1.0]);
        plan.Holdback.ShouldBe(0.01);
        plan.ControlVariation.ShouldBeNull();
        plan.Phase.ShouldBe(1);
        plan.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Serialize_then_parse_round_trips_the_plan()
    {
        var plan = new RolloutPlan([
            new RolloutPlanStage(0.07) { MinDuration = TimeSpan.FromMinutes(90), MinUnits = 50, MaxDuration = null, RequiresApproval = true },
            new RolloutPlanStage(0.3),
            new RolloutPlanStage(1) { MaxDuration = TimeSpan.FromDays(14) },
        ])
        {
            Holdback = 0.0137,
            ControlVariation = "beta",
            Metrics = [new MetricReference("latency") { Role = MetricUse.Guardrail, Margin = 0.05 }, new MetricReference("revenue") { Role = MetricUse.Secondary }],
            Phase = 9,
        };
        Core.Model.Configuration original = ConfigDocument.Parse(Doc("""{"variation": "new", "percentage": 7}""")).Configuration!;
        Flag flag = original.Flags[0];
        Rule rule = flag.Environments["production"].Rules[0];
        Core.Model.Configuration withPlan = original with
        {
            Flags = [flag with
            {
                Environments = new Dictionary<string, FlagEnvironment>
                {
                    ["production"] = flag.Environments["production"] with { Rules = [rule with { Action = ((RolloutAction)rule.Action) with { Plan = plan } }] },
                },
            }],
        };

        string written = ConfigDocument.Serialize(withPlan);
        ConfigLoadResult again = ConfigDocument.Parse(written);

        again.Problems.ShouldBeEmpty();
        ConfigDocument.Serialize(again.Configuration!).ShouldBe(written);
        RolloutAction action = ActionOf(again);
        action.Stage.Fraction.ShouldBe(0.07);
        RolloutPlan read = action.Plan.ShouldNotBeNull();
        read.Stages.ShouldBe(plan.Stages);
        read.Metrics.ShouldBe(plan.Metrics);
        (read with { Stages = plan.Stages, Metrics = plan.Metrics }).ShouldBe(plan);
        written.ShouldContain("\"minDuration\": \"PT1H30M\"");
        written.ShouldContain("\"maxDuration\": \"none\"");
        written.ShouldContain("\"holdback\": 1.37");
    }

    [Theory]
    [InlineData("""{"stages": [{"percentage": 10}, {"percentage": 5}, {"percentage": 100}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[1].percentage", "Stage percentage 5 does not rise above the stage before (10).")]
    [InlineData("""{"stages": [{"percentage": 10}, {"percentage": 10}, {"percentage": 100}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[1].percentage", "Stage percentage 10 does not rise above the stage before (10).")]
    [InlineData("""{"stages": [{"percentage": 10}, {"percentage": 99}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[1].percentage", "The last stage is 99%, not 100.")]
    [InlineData("""{"stages": [{"percentage": 0}, {"percentage": 10}, {"percentage": 100}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[0].percentage", "Stage percentage 0 is outside (0, 100].")]
    [InlineData("""{"stages": []}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages", "A plan needs at least one stage.")]
    [InlineData("""{"holdback": 60}""", "$.flags[0].environments.production.rules[0].rollout.plan.holdback", "Holdback 60% is outside [0, 50].")]
    [InlineData("""{"holdback": -1}""", "$.flags[0].environments.production.rules[0].rollout.plan.holdback", "Holdback -1% is outside [0, 50].")]
    [InlineData("""{"holdback": 0.005}""", "$.flags[0].environments.production.rules[0].rollout.plan.holdback", "Holdback 0.005% is not a whole number of the 10,000 buckets.")]
    [InlineData("""{"controlVariation": "gone"}""", "$.flags[0].environments.production.rules[0].rollout.plan.controlVariation", "Flag 'checkout' has no variation 'gone'.")]
    [InlineData("""{"controlVariation": "new"}""", "$.flags[0].environments.production.rules[0].rollout.plan.controlVariation", "The control variation 'new' is the variation being rolled out, so the rollout could not compare anything.")]
    [InlineData("""{"phase": 0}""", "$.flags[0].environments.production.rules[0].rollout.plan.phase", "Phase 0 is not a phase: phases count from 1.")]
    [InlineData("""{"metrics": [{"key": "a"}, {"key": "a"}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.metrics[1].key", "Metric key 'a' is empty or repeated.")]
    [InlineData("""{"metrics": [{"key": "a", "margin": 1.5}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.metrics[0].margin", "Margin 1.5 is not a relative harm between 0 and 1.")]
    [InlineData("""{"metrics": [{"key": "a", "role": "vanity"}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.metrics[0].role", "Unknown metric role 'vanity'.")]
    [InlineData("""{"stages": [{"percentage": 100, "minDuration": "a day"}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[0].minDuration", "'a day' is not a non-negative ISO 8601 duration.")]
    [InlineData("""{"stages": [{"percentage": 100, "maxDuration": "PT0S"}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[0].maxDuration", "'PT0S' is not a positive ISO 8601 duration.")]
    [InlineData("""{"stages": [{"percentage": 100, "minDuration": "P2D", "maxDuration": "P1D"}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[0].maxDuration", "The maximum duration is not positive, or is shorter than the minimum duration.")]
    [InlineData("""{"stages": [{"percentage": 100, "minUnits": -1}]}""", "$.flags[0].environments.production.rules[0].rollout.plan.stages[0].minUnits", "Minimum units -1 is negative.")]
    [InlineData("""{"stages": [{"percentage": 100}], "colour": "red"}""", "$.flags[0].environments.production.rules[0].rollout.plan.colour", "Unknown property 'colour'.")]
    public void Parse_invalid_plan_is_a_problem_at_its_path(string plan, string path, string message)
    {
        IReadOnlyList<ValidationProblem> problems = ProblemsOf("""{"variation": "new", "percentage": 0, "plan": """ + plan + "}");

        ValidationProblem problem = problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(path);
        problem.Message.ShouldBe(message);
        problem.Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    public void Parse_rule_percentage_of_zero_or_a_stage_is_accepted(double percentage) =>
        ProblemsOf("""{"variation": "new", "percentage": """ + percentage.ToString(System.Globalization.CultureInfo.InvariantCulture) + """, "plan": {"stages": [{"percentage": 10}, {"percentage": 100}]}}""").ShouldBeEmpty();

    [Fact]
    public void Parse_rule_percentage_between_stages_is_a_problem_naming_them()
    {
        ValidationProblem problem = ProblemsOf("""{"variation": "new", "percentage": 20, "plan": {"stages": [{"percentage": 10}, {"percentage": 100}]}}""").ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.percentage");
        problem.Message.ShouldBe("The rollout serves 20%, which is not a stage of its plan.");
        problem.Hint.ShouldBe("Use 0 (not started or rolled back) or one of the plan's stage percentages: 10, 100.");
    }

    [Fact]
    public void Parse_default_variation_as_control_equal_to_the_rollout_is_a_problem()
    {
        ValidationProblem problem = ProblemsOf("""{"variation": "old", "percentage": 0, "plan": {}}""").ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.plan.controlVariation");
        problem.Hint.ShouldContain("Set \"controlVariation\"");
    }

    [Fact]
    public void Parse_experiment_named_like_the_analysis_key_is_a_problem()
    {
        string experiments = """[{"key": "rollout:checkout:ramp", "variations": [{"key": "old", "weight": 0.5}, {"key": "new", "weight": 0.5}]}]""";

        ValidationProblem problem = ConfigDocument.Parse(Doc("""{"variation": "new", "percentage": 0, "plan": {}}""", experiments)).Problems.ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.flags[0].environments.production.rules[0].rollout.plan");
        problem.Message.ShouldBe("An experiment is named 'rollout:checkout:ramp', the key this guarded rollout's exposures carry.");
    }
}
