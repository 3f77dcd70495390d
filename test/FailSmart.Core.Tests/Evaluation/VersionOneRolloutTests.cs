using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

/// <summary>
/// Rollouts on GrowthBook's version 1 hash: a unit is in when (fnv1a32(id + seed) mod 1000) / 1000 is at
/// most the coverage, nobody at 0, the seed the flag key unless given, the fallback attribute when the
/// main one is missing. The expected answers are computed from the formula, not from the evaluator.
/// </summary>
public sealed class VersionOneRolloutTests
{
    private static Rule V1Rollout(double fraction, string? seed = null, string? fallback = null, string condition = "{}") =>
        new("r", Condition.Parse(condition), new RolloutAction("on", new RolloutStage(fraction)) { HashVersion = HashVersion.V1, Seed = seed, FallbackAttribute = fallback });

    private static Evaluator EvaluatorOf(params Rule[] rules) =>
        new(new Configuration { Flags = [BooleanFlag("ramp", true, rules)] }, Env);

    private static string Unit(NonNull<string> id) => id.Get.Length == 0 ? "u" : id.Get;

    // GrowthBook's isIncludedInRollout: coverage 0 returns early, otherwise hash(seed, id, 1) <= coverage.
    private static bool GrowthBookIncludes(string seed, string id, double coverage) =>
        coverage != 0 && BucketHash.Hash(seed, id, 1)!.Value <= coverage;

    [Property(MaxTest = 300)]
    public Property Evaluate_unit_in_at_a_coverage_stays_in_at_every_higher_coverage(NonNull<string> id, ushort x, ushort y)
    {
        double low = Math.Min(x, y) / (double)ushort.MaxValue;
        double high = Math.Max(x, y) / (double)ushort.MaxValue;
        string unit = Unit(id);
        var attributes = Attributes.Of(("id", unit));

        bool inLow = EvaluatorOf(V1Rollout(low)).Evaluate("ramp", attributes).Value.AsBoolean();
        bool inHigh = EvaluatorOf(V1Rollout(high)).Evaluate("ramp", attributes).Value.AsBoolean();

        return (!inLow || inHigh).Label($"'{unit}' in at {low} but out at {high}");
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_serves_exactly_the_units_growthbooks_version_1_formula_includes(NonNull<string> id, ushort permille, bool seeded)
    {
        string unit = Unit(id);
        // Every thousandth is a bucket edge: the unit exactly at the coverage must be in.
        double coverage = permille % 1_001 / 1_000.0;
        string? seed = seeded ? "seed-" + unit.Length : null;
        EvaluationResult result = EvaluatorOf(V1Rollout(coverage, seed)).Evaluate("ramp", Attributes.Of(("id", unit)));
        bool expected = GrowthBookIncludes(seed ?? "ramp", unit, coverage);

        bool consistent = result.Value.AsBoolean() == expected
            && result.Reason == (expected ? EvaluationReason.RolloutSplit : EvaluationReason.Default)
            && (expected ? result.Bucket == BucketHash.Hash(seed ?? "ramp", unit, 1) : double.IsNaN(result.Bucket));
        return consistent.Label($"'{unit}' (hash {BucketHash.Hash(seed ?? "ramp", unit, 1)}) at coverage {coverage}: {result} bucket {result.Bucket}");
    }

    [Property(MaxTest = 100)]
    public bool Evaluate_same_unit_and_configuration_gives_the_same_result(NonNull<string> id)
    {
        var attributes = Attributes.Of(("id", id.Get));

        return EvaluatorOf(V1Rollout(0.37)).Evaluate("ramp", attributes) == EvaluatorOf(V1Rollout(0.37)).Evaluate("ramp", attributes);
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_rollout_last_decides_as_explain_and_as_a_rollout_followed_by_a_rule(NonNull<string> id, ushort permille)
    {
        string unit = Unit(id);
        double coverage = permille % 1_001 / 1_000.0;
        var attributes = Attributes.Of(("id", unit), ("country", "NZ"));
        // Last, the rollout is decided without a branch; followed by a rule, inside the loop.
        Evaluator last = EvaluatorOf(V1Rollout(coverage));
        Evaluator notLast = EvaluatorOf(V1Rollout(coverage), Force("never", """{"country": "US"}""", "on"));

        EvaluationResult fast = last.Evaluate("ramp", attributes);
        EvaluationResult explained = last.Explain("ramp", attributes).Result;
        EvaluationResult looped = notLast.Evaluate("ramp", attributes);

        return (fast == explained && fast == looped && fast.Value.AsBoolean() == GrowthBookIncludes("ramp", unit, coverage))
            .Label($"'{unit}' at {coverage}: fast {fast}, explained {explained}, looped {looped}");
    }

    [Fact]
    public void Evaluate_half_rollout_serves_the_501_buckets_through_one_half()
    {
        string[] ids = Support.UnitIds.Generate(20_000);
        Evaluator evaluator = EvaluatorOf(V1Rollout(0.5, seed: "s"));

        string[] served = [.. ids.Where(id => evaluator.Evaluate("ramp", Attributes.Of(("id", id))).Value.AsBoolean())];

        served.ShouldBe([.. ids.Where(id => BucketHash.BucketV1("s", id) <= 500)]);
        (served.Length / (double)ids.Length).ShouldBe(0.5, 0.02);
    }

    [Fact]
    public void Evaluate_unit_without_the_attribute_is_placed_by_the_fallback_attribute()
    {
        Evaluator evaluator = EvaluatorOf(V1Rollout(0.3, fallback: "deviceId"));
        string[] devices = [.. Enumerable.Range(0, 2_000).Select(i => "d-" + i)];

        string[] served = [.. devices.Where(d => evaluator.Evaluate("ramp", Attributes.Of(("deviceId", d))).Value.AsBoolean())];
        EvaluationResult withoutAny = evaluator.Evaluate("ramp", Attributes.Of(("country", "NZ")));

        served.ShouldBe([.. devices.Where(d => GrowthBookIncludes("ramp", d, 0.3))]);
        served.ShouldNotBeEmpty();
        withoutAny.Reason.ShouldBe(EvaluationReason.Default);
    }

    [Fact]
    public void Evaluate_version_1_and_version_2_rollouts_of_one_flag_place_units_by_their_own_hash()
    {
        // A version 1 rollout before a version 2 one: each hashes on its own, neither borrows the other's bucket.
        var first = new Rule("v1", Condition.Always, new RolloutAction("on", new RolloutStage(0.2)) { HashVersion = HashVersion.V1 });
        var second = new Rule("v2", Condition.Always, new RolloutAction("on", new RolloutStage(0.2)));
        Evaluator evaluator = EvaluatorOf(first, second);
        string[] ids = Support.UnitIds.Generate(5_000);

        foreach (string id in ids)
        {
            string expected = GrowthBookIncludes("ramp", id, 0.2) ? "v1" : BucketHash.Hash("ramp", id, 2) <= 0.2 ? "v2" : "default";
            (evaluator.Evaluate("ramp", Attributes.Of(("id", id))).RuleId ?? "default").ShouldBe(expected, id);
        }
    }

    [Fact]
    public void Explain_names_version_1_and_its_point()
    {
        // fnv1a32("user-42checkout-test") mod 1000 = 422 (docs/concepts/bucketing.md).
        EvaluationTrace trace = EvaluatorOf(V1Rollout(0.5, seed: "checkout-test"), Force("never", """{"country": "US"}""", "on"))
            .Explain("ramp", Attributes.Of(("id", "user-42")));

        TraceStep step = trace.Steps.Single(s => s.Kind == TraceStepKind.Rollout);
        step.Passed.ShouldBeTrue();
        step.Point.ShouldBe(0.422);
        step.Detail.ShouldBe("hash('checkout-test', id='user-42', version 1) = 0.422; the rollout covers [0, 0.5].");
        trace.Result.Bucket.ShouldBe(0.422);
    }
}
