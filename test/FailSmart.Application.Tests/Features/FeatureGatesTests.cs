using FailSmart.Application.Features;
using FailSmart.Core.Model;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Tests.Features;

public sealed class FeatureGatesTests
{
    private static readonly Feature s_feature = new(
        "delivery-dates", "Delivery dates", "team-checkout", "Shoppers abandon checkout.", new Hypothesis("Dates raise conversion"),
        FeaturePhase.Build, [], new FeatureValue(), 1, false, "ada@example.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static readonly FeatureGateFacts s_none = new(false, false, false);

    [Fact]
    public void Defaults_gate_ship_on_a_hypothesis_metric_and_tweak_on_a_running_test_and_nothing_else()
    {
        var options = new FeatureGateOptions();

        options.For(FeaturePhase.Build).ShouldBeEmpty();
        options.For(FeaturePhase.Ship).ShouldBe([FeatureGates.HypothesisMetric]);
        options.For(FeaturePhase.Tweak).ShouldBe([FeatureGates.RunningTest]);
        options.For(FeaturePhase.Maintain).ShouldBeEmpty();
        new FeatureGateOptions { Ship = "", Maintain = "evidence, measurable-hypothesis" }.For(FeaturePhase.Ship).ShouldBeEmpty();
        new FeatureGateOptions { Maintain = "evidence, measurable-hypothesis" }.For(FeaturePhase.Maintain).ShouldBe([FeatureGates.Evidence, FeatureGates.MeasurableHypothesis]);
    }

    [Fact]
    public void Hypothesis_metric_refuses_a_hypothesis_without_a_metric_and_says_how_to_satisfy_it()
    {
        GateRefusal refusal = FeatureGates.Check(s_feature, FeaturePhase.Ship, [FeatureGates.HypothesisMetric], s_none).ShouldHaveSingleItem();

        refusal.Gate.ShouldBe("hypothesis-metric");
        refusal.Message.ShouldBe("Entering Ship needs a hypothesis with a metric, and 'delivery-dates' has none.");
        refusal.Hint.ShouldContain("ask an administrator to override with a reason");
        FeatureGates.Check(s_feature with { Hypothesis = new Hypothesis("x") { Metric = "conversion" } }, FeaturePhase.Ship, [FeatureGates.HypothesisMetric], s_none).ShouldBeEmpty();
    }

    [Fact]
    public void Measurable_hypothesis_needs_the_smallest_effect_as_well()
    {
        Feature withMetric = s_feature with { Hypothesis = new Hypothesis("x") { Metric = "conversion" } };

        FeatureGates.Check(withMetric, FeaturePhase.Ship, [FeatureGates.MeasurableHypothesis], s_none).ShouldHaveSingleItem().Gate.ShouldBe("measurable-hypothesis");
        FeatureGates.Check(withMetric with { Hypothesis = withMetric.Hypothesis! with { MinimumEffect = 0.02 } }, FeaturePhase.Ship, [FeatureGates.MeasurableHypothesis], s_none)
            .ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Running_test_is_satisfied_by_a_running_experiment_or_a_guarded_rollout(bool experiment, bool rollout, bool refused)
    {
        IReadOnlyList<GateRefusal> refusals = FeatureGates.Check(s_feature, FeaturePhase.Tweak, [FeatureGates.RunningTest], new FeatureGateFacts(experiment, rollout, false));

        refusals.Count.ShouldBe(refused ? 1 : 0);
        if (refused)
        {
            refusals[0].Hint.ShouldBe("Link a running experiment or a guarded rollout, or ask an administrator to override with a reason.");
        }
    }

    [Fact]
    public void An_unknown_requirement_name_fails_validation_naming_the_setting()
    {
        var validation = new FeatureGateOptionsValidation();

        ValidateOptionsResult result = validation.Validate(null, new FeatureGateOptions { Tweak = "running-test, magic" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Lifecycle:Gates:Tweak names 'magic'");
        validation.Validate(null, new FeatureGateOptions()).Succeeded.ShouldBeTrue();
    }
}
