using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class RolloutPropertyTests
{
    private static bool IsOn(double fraction, string id) =>
        new Evaluator(new Configuration { Flags = [BooleanFlag("ramp", true, Rollout("r", fraction))] }, Env)
            .Evaluate("ramp", Attributes.Of(("id", id))).Value.AsBoolean();

    [Property(MaxTest = 300)]
    public Property Evaluate_unit_in_at_x_percent_stays_in_at_every_higher_percent(NonNull<string> id, byte x, byte y)
    {
        double low = Math.Min(x, y) / 255.0;
        double high = Math.Max(x, y) / 255.0;
        string unit = id.Get.Length == 0 ? "u" : id.Get;

        return (!IsOn(low, unit) || IsOn(high, unit)).Label($"'{unit}' in at {low} but out at {high}");
    }

    [Fact]
    public void Evaluate_default_ladder_enrolls_a_growing_superset()
    {
        string[] ids = Support.UnitIds.Generate(20_000);
        HashSet<string> previous = [];
        foreach (RolloutStage stage in RolloutStage.DefaultLadder)
        {
            var current = ids.Where(id => IsOnFast(stage.Fraction, id)).ToHashSet();

            current.IsSupersetOf(previous).ShouldBeTrue();
            (current.Count / (double)ids.Length).ShouldBe(stage.Fraction, 0.01);
            previous = current;
        }
    }

    [Property(MaxTest = 100)]
    public bool Evaluate_same_unit_and_configuration_gives_the_same_result(NonNull<string> id)
    {
        Configuration config = new() { Flags = [BooleanFlag("f", true, Rollout("r", 0.37))] };
        var attributes = Attributes.Of(("id", id.Get));

        return new Evaluator(config, Env).Evaluate("f", attributes) == new Evaluator(config, Env).Evaluate("f", attributes);
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_final_rollout_decides_as_explain_and_as_a_rollout_followed_by_a_rule(NonNull<string> id, byte percent)
    {
        string unit = id.Get.Length == 0 ? "u" : id.Get;
        double fraction = percent / 255.0;
        var attributes = Attributes.Of(("id", unit), ("country", "NZ"));
        // The same rollout last (decided without a branch) and followed by a rule that never matches.
        var last = new Evaluator(new Configuration { Flags = [BooleanFlag("f", true, Rollout("r", fraction))] }, Env);
        var notLast = new Evaluator(new Configuration { Flags = [BooleanFlag("f", true, Rollout("r", fraction), Force("never", """{"country": "US"}""", "on"))] }, Env);

        EvaluationResult fast = last.Evaluate("f", attributes);
        EvaluationResult explained = last.Explain("f", attributes).Result;
        EvaluationResult looped = notLast.Evaluate("f", attributes);
        double point = Core.Bucketing.BucketHash.Hash("f", unit, 2)!.Value;
        bool expectedIn = fraction > 0 && point <= fraction;

        bool consistent = fast == explained && fast == looped
            && fast.Value.AsBoolean() == expectedIn
            && fast.Reason == (expectedIn ? EvaluationReason.RolloutSplit : EvaluationReason.Default)
            && (expectedIn ? fast.Bucket == point : double.IsNaN(fast.Bucket))
            && fast.HashAttribute == (expectedIn ? "id" : null)
            && fast.HashValue == (expectedIn ? unit : null);
        return consistent.Label($"'{unit}' at {point} vs {fraction}: fast {fast} bucket {fast.Bucket}, explained {explained}, looped {looped}");
    }

    private static bool IsOnFast(double fraction, string id) =>
        Core.Bucketing.BucketHash.Hash("ramp", id, 2) <= fraction && IsOn(fraction, id);
}
