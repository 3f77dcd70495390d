using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class HoldoutExposureTests
{
    private const int Units = 20_000;

    private static Configuration WithHoldout(HoldoutScope scope, int start, int end, bool launchOn = true) => new()
    {
        Flags =
        [
            BooleanFlag("launch", launchOn, Rollout("all", 1.0)),
            BooleanFlag("elsewhere", true, Rollout("all", 1.0)),
        ],
        Holdouts = [new Holdout("long-term", "holdout-salt", new BucketSpan(start, end), scope)],
    };

    [Property(MaxTest = 12)]
    public Property HoldoutExposures_held_out_share_of_units_is_the_holdouts_percentage(byte from, byte width)
    {
        // Any span of the 10,000 buckets: [start, end) with a width from 1 bucket (0.01%) to half of them.
        int start = from * 19;
        int end = start + 1 + (width * 19);
        var evaluator = new Evaluator(WithHoldout(HoldoutScope.Everything, start, end), Env);
        var unit = new SingleIdAttributes();
        int held = 0;
        bool agrees = true;
        foreach (string id in UnitIds.Generate(Units))
        {
            unit.Id = id;
            EvaluationResult result = evaluator.Evaluate("launch", unit);
            HoldoutExposure exposure = evaluator.HoldoutExposures("launch", in result, unit).Single();
            bool heldOut = exposure.Arm == HoldoutArm.HeldOut;
            held += heldOut ? 1 : 0;
            // The exposure's side is the side evaluation served: held out exactly when the flag answered "holdout".
            agrees &= heldOut == (result.Reason == EvaluationReason.Holdout) && exposure.Unit == id;
        }

        double share = (end - start) / (double)BucketHash.BucketCount;
        // Binomial spread of the share over 20,000 units, five standard errors, plus one bucket of granularity.
        double tolerance = (5 * Math.Sqrt(share * (1 - share) / Units)) + (1.0 / BucketHash.BucketCount);
        double observed = held / (double)Units;
        return (agrees && Math.Abs(observed - share) <= tolerance).Label($"[{start}, {end}): held out {observed:P3}, planned {share:P3} ± {tolerance:P3}; sides agree: {agrees}");
    }

    [Fact]
    public void HoldoutExposures_name_the_holdout_arm_phase_and_unit()
    {
        var evaluator = new Evaluator(WithHoldout(HoldoutScope.Everything, 0, 10_000), Env);
        var unit = new SingleIdAttributes { Id = "u-1" };
        EvaluationResult result = evaluator.Evaluate("launch", unit);

        HoldoutExposure exposure = evaluator.HoldoutExposures("launch", in result, unit).ShouldHaveSingleItem();

        evaluator.HasHoldouts.ShouldBeTrue();
        exposure.ShouldBe(new HoldoutExposure("long-term", HoldoutArm.HeldOut, "u-1"));
        exposure.AnalysisKey.ShouldBe("holdout:long-term");
        exposure.Variation.ShouldBe("held-out");
        HoldoutArmKeys.Of(HoldoutArm.Exposed).ShouldBe("exposed");
        ((int)HoldoutArm.HeldOut, (int)HoldoutArm.Exposed).ShouldBe((0, 1));
    }

    [Fact]
    public void HoldoutExposures_only_for_flags_in_scope_that_are_on_and_units_with_the_attribute()
    {
        var flagScope = new Evaluator(WithHoldout(new HoldoutScope { Flags = ["launch"] }, 0, 5_000), Env);
        var off = new Evaluator(WithHoldout(HoldoutScope.Everything, 0, 5_000, launchOn: false), Env);
        var none = new Evaluator(new Configuration { Flags = [BooleanFlag("launch", true, Rollout("all", 1.0))] }, Env);
        var unit = new SingleIdAttributes { Id = "u-2" };

        IReadOnlyList<HoldoutExposure> Of(Evaluator e, string flag, SingleIdAttributes attributes)
        {
            EvaluationResult result = e.Evaluate(flag, attributes);
            return e.HoldoutExposures(flag, in result, attributes);
        }

        Of(flagScope, "launch", unit).Count.ShouldBe(1);
        Of(flagScope, "elsewhere", unit).ShouldBeEmpty();
        Of(off, "launch", unit).ShouldBeEmpty();
        Of(flagScope, "launch", new SingleIdAttributes()).ShouldBeEmpty();
        Of(flagScope, "missing", unit).ShouldBeEmpty();
        none.HasHoldouts.ShouldBeFalse();
        Of(none, "launch", unit).ShouldBeEmpty();
    }
}
