using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FailSmart.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class GuardedRolloutTests
{
    private static readonly RolloutPlan s_plan = new(RolloutPlan.DefaultStages) { Phase = 3 };

    private static Flag ColourFlag(params Rule[] rules) => StringFlag("colour", ["grey", "blue", "green"], "grey", rules);

    private static RolloutArm ExpectedArm(string unit, double holdback, double stage) =>
        RolloutArmBuckets.For(holdback, stage, BucketHash.BucketCount).ArmOf(BucketHash.BucketV2("colour", unit));

    [Property(MaxTest = 300)]
    public Property Evaluate_every_matched_unit_gets_its_arm_with_an_exposure(NonNull<string> id, byte stageIndex, bool last)
    {
        string unit = id.Get.Length == 0 ? "u" : id.Get;
        double stage = RolloutStage.DefaultLadder[stageIndex % 6].Fraction;
        Rule guarded = GuardedRollout("ramp", stage, s_plan, "blue");
        // Last (where an unguarded rollout takes the branch-free path) and followed by another rule.
        Flag flag = last ? ColourFlag(guarded) : ColourFlag(guarded, Force("after", "{}", "green"));
        var evaluator = new Evaluator(new Configuration { Flags = [flag] }, Env);

        EvaluationResult result = evaluator.Evaluate("colour", Attributes.Of(("id", unit)));
        EvaluationResult explained = evaluator.Explain("colour", Attributes.Of(("id", unit))).Result;
        RolloutArm arm = ExpectedArm(unit, s_plan.Holdback, stage);

        bool ok = result == explained
            && result.VariationKey == (arm == RolloutArm.In ? "blue" : "grey")
            && result.Reason == EvaluationReason.RolloutSplit
            && result.RuleId == "ramp"
            && result.InExperiment
            && result.ExperimentKey == "rollout:colour:ramp"
            && result.ExperimentPhase == 3
            && result.ExposureVariation == RolloutArmKeys.Of(arm)
            && result.ExposureVariationIndex == (int)arm
            && result.HashValue == unit
            && result.Bucket == BucketHash.BucketV2("colour", unit) / 10_000.0;
        return ok.Label($"'{unit}' at {stage}: expected {arm}, got {result} exposure {result.ExposureVariation}");
    }

    [Fact]
    public void Evaluate_control_variation_serves_not_yet_and_holdback()
    {
        RolloutPlan plan = s_plan with { ControlVariation = "green", Holdback = 0.5 };
        var evaluator = new Evaluator(new Configuration { Flags = [ColourFlag(GuardedRollout("ramp", 0.5, plan, "blue"))] }, Env);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var unit = new SingleIdAttributes();

        foreach (string id in UnitIds.Generate(2_000))
        {
            unit.Id = id;
            EvaluationResult result = evaluator.Evaluate("colour", unit);
            result.ExposureVariation.ShouldBe(RolloutArmKeys.Of(ExpectedArm(id, 0.5, 0.5)));
            if (!seen.TryGetValue(result.ExposureVariation!, out HashSet<string>? variations))
            {
                seen[result.ExposureVariation!] = variations = [];
            }

            variations.Add(result.VariationKey!);
        }

        seen["in"].ShouldBe(["blue"]);
        seen["not-yet"].ShouldBe(["green"]);
        seen["holdback"].ShouldBe(["green"]);
    }

    [Fact]
    public void Evaluate_unit_outside_the_condition_falls_through_without_exposure()
    {
        var evaluator = new Evaluator(new Configuration { Flags = [ColourFlag(GuardedRollout("ramp", 1.0, s_plan, "blue", """{"country": "NZ"}"""))] }, Env);

        EvaluationResult result = evaluator.Evaluate("colour", Attributes.Of(("id", "u-1"), ("country", "US")));

        result.Reason.ShouldBe(EvaluationReason.Default);
        result.InExperiment.ShouldBeFalse();
        result.ExposureVariation.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_unit_without_the_hash_attribute_skips_the_rule()
    {
        var evaluator = new Evaluator(new Configuration { Flags = [ColourFlag(GuardedRollout("ramp", 1.0, s_plan, "blue"), Force("after", "{}", "green"))] }, Env);

        EvaluationResult result = evaluator.Evaluate("colour", Attributes.Of(("country", "US")));

        result.VariationKey.ShouldBe("green");
        result.InExperiment.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_global_holdout_takes_its_units_first_and_the_arms_split_the_rest()
    {
        // The holdout's units never reach the rule (no exposure); the rollout's arms, and so its
        // shares, are of the units left, decided by the rollout's own hash.
        var config = new Configuration
        {
            Flags = [ColourFlag(GuardedRollout("ramp", 0.25, s_plan, "blue"))],
            Holdouts = [new Holdout("long-term", "holdout-salt", new BucketSpan(0, 500), HoldoutScope.Everything)],
        };
        var evaluator = new Evaluator(config, Env);
        var unit = new SingleIdAttributes();
        int[] arms = new int[3];
        int heldOut = 0;

        foreach (string id in UnitIds.Generate(40_000))
        {
            unit.Id = id;
            EvaluationResult result = evaluator.Evaluate("colour", unit);
            if (BucketHash.BucketV2("holdout-salt", id) < 500)
            {
                result.Reason.ShouldBe(EvaluationReason.Holdout);
                result.InExperiment.ShouldBeFalse();
                result.VariationKey.ShouldBe("grey");
                heldOut++;
                continue;
            }

            RolloutArm arm = ExpectedArm(id, s_plan.Holdback, 0.25);
            result.ExposureVariation.ShouldBe(RolloutArmKeys.Of(arm));
            arms[(int)arm]++;
        }

        int reached = 40_000 - heldOut;
        heldOut.ShouldBeInRange(1_800, 2_200); // 5% of 40,000, binomial sd ≈ 44
        (arms[(int)RolloutArm.Holdback] / (double)reached).ShouldBe(0.01, 0.003);
        (arms[(int)RolloutArm.In] / (double)reached).ShouldBe(0.25 * 0.99, 0.01);
    }

    [Fact]
    public void Explain_names_the_arm_its_bucket_and_the_boundaries()
    {
        var evaluator = new Evaluator(new Configuration { Flags = [ColourFlag(GuardedRollout("ramp", 0.05, s_plan, "blue"))] }, Env);
        string id = UnitIds.Generate(200).First(u => ExpectedArm(u, 0.01, 0.05) == RolloutArm.NotYet);
        int bucket = BucketHash.BucketV2("colour", id);

        EvaluationTrace trace = evaluator.Explain("colour", Attributes.Of(("id", id)));
        TraceStep step = trace.Steps.Single(s => s.Kind == TraceStepKind.Rollout);

        step.Passed.ShouldBeTrue();
        step.Bucket.ShouldBe(bucket);
        step.Span.ShouldBe(new BucketSpan(495, 9900));
        step.Detail.ShouldBe($"Guarded rollout: bucket('colour', id='{id}') = {bucket} of 10000; in [0, 495) (stage 0.05 of the 9900 buckets not held back), not yet [495, 9900), holdback [9900, 10000). Arm 'not-yet': serve 'grey' and log an exposure to 'rollout:colour:ramp' (phase 3).");
    }

    [Fact]
    public void Evaluate_experiment_exposure_variation_is_the_variation_served()
    {
        var config = new Configuration
        {
            Flags = [ColourFlag(RunExperiment("run", "exp"))],
            Experiments = [Experiment("exp", ["grey", "blue"])],
        };
        EvaluationResult result = new Evaluator(config, Env).Evaluate("colour", Attributes.Of(("id", "u-7")));

        result.InExperiment.ShouldBeTrue();
        result.ExposureVariation.ShouldBe(result.VariationKey);
        result.ExposureVariationIndex.ShouldBe(result.VariationKey == "grey" ? 0 : 1);
    }

    [Fact]
    public void Evaluate_unguarded_rollout_records_no_exposure()
    {
        EvaluationResult result = new Evaluator(new Configuration { Flags = [ColourFlag(Rollout("r", 1.0, "blue"))] }, Env).Evaluate("colour", Attributes.Of(("id", "u-7")));

        result.VariationKey.ShouldBe("blue");
        result.InExperiment.ShouldBeFalse();
        result.ExposureVariation.ShouldBeNull();
    }
}
