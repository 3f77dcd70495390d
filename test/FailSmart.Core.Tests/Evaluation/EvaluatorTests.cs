using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static Evaluator For(params Flag[] flags) => new(new Configuration { Flags = flags }, Env);

    [Fact]
    public void Evaluate_disabled_flag_serves_off_variation()
    {
        Evaluator evaluator = For(BooleanFlag("f", enabled: false, Force("r", "{}", "on")));

        EvaluationResult result = evaluator.Evaluate("f", Attributes.Of(("id", "u1")));

        result.Reason.ShouldBe(EvaluationReason.Disabled);
        result.VariationKey.ShouldBe("off");
        result.Value.ShouldBe(DataValue.False);
        result.InExperiment.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_matching_force_rule_is_targeting_match()
    {
        Evaluator evaluator = For(BooleanFlag("f", true, Force("nz", """{"country": "NZ"}""", "on")));

        EvaluationResult nz = evaluator.Evaluate("f", Attributes.Of(("id", "u1"), ("country", "NZ")));
        EvaluationResult us = evaluator.Evaluate("f", Attributes.Of(("id", "u1"), ("country", "US")));

        nz.Reason.ShouldBe(EvaluationReason.TargetingMatch);
        nz.RuleId.ShouldBe("nz");
        nz.RuleIndex.ShouldBe(0);
        nz.Value.AsBoolean().ShouldBeTrue();
        us.Reason.ShouldBe(EvaluationReason.Default);
        us.Value.AsBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("user-42")]
    public void Evaluate_rollout_serves_units_whose_v2_hash_is_at_most_the_stage(string id)
    {
        Evaluator evaluator = For(BooleanFlag("f", true, Rollout("half", 0.5)));
        double hash = BucketHash.Hash("f", id, 2)!.Value;

        EvaluationResult result = evaluator.Evaluate("f", Attributes.Of(("id", id)));

        result.Reason.ShouldBe(hash <= 0.5 ? EvaluationReason.RolloutSplit : EvaluationReason.Default);
        result.Value.AsBoolean().ShouldBe(hash <= 0.5);
        if (hash <= 0.5)
        {
            result.Bucket.ShouldBe(hash);
            result.HashValue.ShouldBe(id);
        }
    }

    [Fact]
    public void Evaluate_rollout_without_unit_id_skips_the_rule()
    {
        Evaluator evaluator = For(BooleanFlag("f", true, Rollout("all", 1.0)));

        EvaluationResult result = evaluator.Evaluate("f", Attributes.Of(("country", "NZ")));

        result.Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Evaluate_unknown_flag_is_an_error_not_an_exception()
    {
        EvaluationResult result = For().Evaluate("missing", Attributes.Empty);

        result.Reason.ShouldBe(EvaluationReason.Error);
        result.ErrorCode.ShouldBe(EvaluationErrorCode.FlagNotFound);
        result.Value.IsNull.ShouldBeTrue();
    }

    [Fact]
    public void FlagKeys_lists_every_flag()
    {
        For(BooleanFlag("a"), BooleanFlag("b")).FlagKeys.ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public void Evaluate_flag_without_the_environment_is_an_error()
    {
        var evaluator = new Evaluator(new Configuration { Flags = [BooleanFlag("f")] }, "staging");

        evaluator.Evaluate("f", Attributes.Empty).ErrorCode.ShouldBe(EvaluationErrorCode.EnvironmentNotConfigured);
    }

    [Fact]
    public void Evaluate_failed_prerequisite_serves_off_variation()
    {
        Flag parent = BooleanFlag("parent", true, Force("nz", """{"country": "NZ"}""", "on"));
        Flag child = BooleanFlag("child", true, Force("all", "{}", "on")) with { Prerequisites = [new Prerequisite("parent", ["on"])] };
        Evaluator evaluator = For(parent, child);

        EvaluationResult passed = evaluator.Evaluate("child", Attributes.Of(("country", "NZ")));
        EvaluationResult failed = evaluator.Evaluate("child", Attributes.Of(("country", "AU")));

        passed.Reason.ShouldBe(EvaluationReason.TargetingMatch);
        passed.Value.AsBoolean().ShouldBeTrue();
        failed.Reason.ShouldBe(EvaluationReason.PrerequisiteFailed);
        failed.VariationKey.ShouldBe("off");
    }

    [Fact]
    public void Evaluate_experiment_assigns_growthbook_variation_and_flags_exposure()
    {
        Flag flag = StringFlag("checkout", ["control", "treatment"], "control", RunExperiment("exp", "checkout-test"));
        var config = new Configuration { Flags = [flag], Experiments = [Experiment("checkout-test", ["control", "treatment"]) with { Phase = 3 }] };
        var evaluator = new Evaluator(config, Env);

        foreach (string id in new[] { "1", "2", "3", "4", "5", "abc" })
        {
            double hash = BucketHash.Hash("checkout-test", id, 2)!.Value;
            EvaluationResult result = evaluator.Evaluate("checkout", Attributes.Of(("id", id)));

            result.Reason.ShouldBe(EvaluationReason.Experiment);
            result.InExperiment.ShouldBeTrue();
            result.ExperimentKey.ShouldBe("checkout-test");
            result.ExperimentPhase.ShouldBe(3);
            result.Bucket.ShouldBe(hash);
            result.VariationKey.ShouldBe(hash < 0.5 ? "control" : "treatment");
        }
    }

    [Fact]
    public void Evaluate_experiment_uses_fallback_attribute_when_the_hash_attribute_is_missing()
    {
        Flag flag = StringFlag("f", ["a", "b"], "a", RunExperiment("exp", "e"));
        var config = new Configuration { Flags = [flag], Experiments = [Experiment("e", ["a", "b"]) with { HashAttribute = "userId", FallbackAttribute = "deviceId" }] };

        EvaluationResult result = new Evaluator(config, Env).Evaluate("f", Attributes.Of(("deviceId", "d-1")));

        result.InExperiment.ShouldBeTrue();
        result.HashAttribute.ShouldBe("deviceId");
        result.Bucket.ShouldBe(BucketHash.Hash("e", "d-1", 2)!.Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Evaluate_falsy_hash_attribute_means_no_id(string id)
    {
        Evaluator evaluator = For(BooleanFlag("f", true, Rollout("all", 1)));

        EvaluationResult result = evaluator.Evaluate("f", Attributes.FromObject(DataValue.Parse("{\"id\": " + id + "}").AsObject()!));

        result.Reason.ShouldBe(EvaluationReason.Default);
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("1.5", "1.5")]
    [InlineData("true", "true")]
    [InlineData("[1, \"a\", null]", "1,a,")]
    [InlineData("{\"a\": 1}", "[object Object]")]
    public void Evaluate_truthy_hash_attribute_is_hashed_as_javascript_writes_it(string id, string hashed)
    {
        Evaluator evaluator = For(BooleanFlag("f", true, Rollout("all", 1)));

        EvaluationResult result = evaluator.Evaluate("f", Attributes.FromObject(DataValue.Parse("{\"id\": " + id + "}").AsObject()!));

        result.Reason.ShouldBe(EvaluationReason.RolloutSplit);
        result.HashValue.ShouldBe(hashed);
        result.Bucket.ShouldBe(BucketHash.Hash("f", hashed, 2)!.Value);
    }

    [Fact]
    public void Evaluate_draft_experiment_falls_through_to_default()
    {
        Flag flag = StringFlag("f", ["a", "b"], "a", RunExperiment("exp", "e"));
        var config = new Configuration { Flags = [flag], Experiments = [Experiment("e", ["a", "b"]) with { Status = ExperimentStatus.Draft }] };

        EvaluationResult result = new Evaluator(config, Env).Evaluate("f", Attributes.Of(("id", "u")));

        result.Reason.ShouldBe(EvaluationReason.Default);
        result.InExperiment.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_holdout_unit_gets_default_with_holdout_reason()
    {
        var holdout = new Holdout("global", "hold", new BucketSpan(0, 10_000), HoldoutScope.Everything);
        var config = new Configuration { Flags = [BooleanFlag("f", true, Force("all", "{}", "on"))], Holdouts = [holdout] };

        EvaluationResult result = new Evaluator(config, Env).Evaluate("f", Attributes.Of(("id", "u1")));

        result.Reason.ShouldBe(EvaluationReason.Holdout);
        result.HoldoutKey.ShouldBe("global");
        result.VariationKey.ShouldBe("off");
    }

    [Fact]
    public void Evaluate_segment_rule_requires_segment_membership()
    {
        var segment = new IdListSegment("beta", "id", ["u1", "u2"]);
        Rule rule = Force("beta", "{}", "on") with { Segments = ["beta"] };
        var config = new Configuration { Flags = [BooleanFlag("f", true, rule)], Segments = [segment] };
        var evaluator = new Evaluator(config, Env);

        evaluator.Evaluate("f", Attributes.Of(("id", "u2"))).Reason.ShouldBe(EvaluationReason.TargetingMatch);
        evaluator.Evaluate("f", Attributes.Of(("id", "u3"))).Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Evaluate_in_group_condition_reads_id_list_segment()
    {
        var segment = new IdListSegment("staff", "email", ["a@x.io"]);
        var config = new Configuration { Flags = [BooleanFlag("f", true, Force("staff", """{"email": {"$inGroup": "staff"}}""", "on"))], Segments = [segment] };
        var evaluator = new Evaluator(config, Env);

        evaluator.Evaluate("f", Attributes.Of(("email", "a@x.io"))).Value.AsBoolean().ShouldBeTrue();
        evaluator.Evaluate("f", Attributes.Of(("email", "b@x.io"))).Value.AsBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_bad_regex_rule_never_matches_and_explain_gives_the_reason()
    {
        var evaluator = For(BooleanFlag("f", true, Force("ua", """{"ua": {"$regex": "(unclosed"}}""", "on")));
        var attributes = Attributes.Of(("ua", "(unclosed"));

        EvaluationResult result = evaluator.Evaluate("f", attributes);
        EvaluationTrace trace = evaluator.Explain("f", attributes);

        result.Reason.ShouldBe(EvaluationReason.Default);
        TraceStep rule = trace.Steps.Single(s => s.Kind == TraceStepKind.Rule);
        rule.Passed.ShouldBeFalse();
        rule.Conditions.Single().Note.ShouldNotBeNull().ShouldContain("invalid regular expression");
    }

    [Fact]
    public void Evaluate_unexpected_attribute_type_is_no_match()
    {
        var evaluator = For(BooleanFlag("f", true, Force("size", """{"tags": {"$size": 2}}""", "on")));

        EvaluationResult result = evaluator.Evaluate("f", Attributes.Of(("tags", DataValue.FromObject([new("a", 1)]))));

        result.Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Evaluator_rejects_configuration_with_problems()
    {
        var config = new Configuration { Flags = [BooleanFlag("f", true, Force("r", "{}", "missing"))] };

        var error = Should.Throw<InvalidConfigurationException>(() => new Evaluator(config, Env));

        error.Problems.Single().Path.ShouldBe("$.flags[0].environments.production.rules[0].force.variation");
    }

    [Fact]
    public void Evaluate_rollout_includes_the_unit_whose_hash_equals_the_stage_and_no_one_at_zero()
    {
        // GrowthBook includes n <= coverage: at 50% the unit hashing to exactly 0.5 is in.
        string atHalf = Enumerable.Range(0, 200_000).Select(i => "u" + i).First(u => BucketHash.BucketV2("f", u) == 5000);
        string atZero = Enumerable.Range(0, 200_000).Select(i => "u" + i).First(u => BucketHash.BucketV2("f", u) == 0);

        For(BooleanFlag("f", true, Rollout("half", 0.5))).Evaluate("f", Attributes.Of(("id", atHalf))).Reason.ShouldBe(EvaluationReason.RolloutSplit);
        For(BooleanFlag("f", true, Rollout("half", 0.5), Force("never", """{"country": "US"}""", "on"))).Evaluate("f", Attributes.Of(("id", atHalf))).Reason.ShouldBe(EvaluationReason.RolloutSplit);
        For(BooleanFlag("f", true, Rollout("none", 0))).Evaluate("f", Attributes.Of(("id", atZero))).Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Explain_records_rules_conditions_bucket_and_range()
    {
        var evaluator = For(BooleanFlag("f", true, Force("nz", """{"country": "NZ"}""", "on"), Rollout("half", 0.5)));
        string id = Enumerable.Range(0, 100).Select(i => "u" + i).First(u => BucketHash.Hash("f", u, 2) < 0.5);

        EvaluationTrace trace = evaluator.Explain("f", Attributes.Of(("id", id), ("country", "AU")));

        trace.Result.Reason.ShouldBe(EvaluationReason.RolloutSplit);
        TraceStep nz = trace.Steps.First(s => s.Kind == TraceStepKind.Rule);
        nz.Passed.ShouldBeFalse();
        nz.Conditions.Single().ShouldBe(new ConditionCheck(0, "country", "\"NZ\"", "\"AU\"", false, null));
        TraceStep rollout = trace.Steps.Single(s => s.Kind == TraceStepKind.Rollout);
        rollout.Point.ShouldBe(BucketHash.Hash("f", id, 2));
        // Inclusive of the hash 0.5 itself: as a half-open range over the 10,000 hashes, [0, 0.5001).
        rollout.Range.ShouldBe(new BucketRange(0, 0.5001));
        trace.ToText().ShouldContain("RolloutSplit");
    }
}
