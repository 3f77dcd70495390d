using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FailSmart.Application.Tests.Rollouts.RolloutLooks;

namespace FailSmart.Application.Tests.Rollouts;

public sealed class GuardedRolloutPolicyTests
{
    private static readonly GuardedRolloutPolicy s_policy = new(Options.Create(new RolloutPolicyOptions()));
    private static readonly RolloutPlan s_ladder = Plan();
    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    [Fact]
    public void Decide_with_no_units_yet_stays_and_reads_nothing()
    {
        RolloutLook look = At(s_ladder, 0, TimeSpan.Zero, 0).With(l => Conversion(l, 0.3, 0.3));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Stay);
        d.SampleRatioP.ShouldBeNull();
        d.Gates.Single().HarmShown.ShouldBeFalse();
        double.IsNaN(d.Gates.Single().Estimate).ShouldBeTrue();
        d.Reason.ShouldBe("Stage 1% is waiting for its minimum of 1 day (0 hours so far) and 1,000 units in the feature (0 so far) before advancing to 5%.");
    }

    [Fact]
    public void Decide_a_guardrail_showing_harm_rolls_back_at_once_with_the_numbers()
    {
        // Stage 10%, two hours in: far from its minimums, yet a 20% fall is shown.
        RolloutLook look = At(s_ladder, 2, TimeSpan.FromHours(2), 60_000).With(l => Conversion(l, 0.30, 0.24));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.RollBack);
        GateReading gate = d.Gates.Single();
        gate.HarmShown.ShouldBeTrue();
        gate.Estimate.ShouldBe(-0.2, 1e-3);
        d.Reason.ShouldStartWith("Guardrail checkout-conversion is down 20.0% (always-valid interval \u2212");
        d.Reason.ShouldEndWith("), beyond no harm: rolled back at stage 10%.");
    }

    [Fact]
    public void Decide_a_rise_in_a_lower_is_better_guardrail_is_harm()
    {
        RolloutLook look = At(s_ladder, 2, TimeSpan.FromHours(2), 60_000);
        long control = look.UnitsNotYet + look.UnitsHoldback;
        // Errors per unit: 0/1, 5% in control, 7% with the feature.
        var errors = new GuardrailInput("errors", false, 0.05, new ArmSums(control, control * 0.05, control * 0.05), new ArmSums(look.UnitsIn, look.UnitsIn * 0.07, look.UnitsIn * 0.07));

        RolloutDecision d = s_policy.Decide(look with { Guardrails = [errors] });

        d.Move.ShouldBe(RolloutMove.RollBack);
        d.Reason.ShouldStartWith("Guardrail errors is up 40.0%");
    }

    [Fact]
    public void Decide_the_worst_of_several_harmed_guardrails_is_named()
    {
        RolloutLook look = At(s_ladder, 2, TimeSpan.FromHours(2), 60_000).With(
            l => Conversion(l, 0.30, 0.27, key: "signup"),
            l => Conversion(l, 0.30, 0.21, key: "checkout"));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.RollBack);
        d.Gates.Count(g => g.HarmShown).ShouldBe(2);
        d.Reason.ShouldStartWith("Guardrail checkout is down 30.0%");
    }

    [Fact]
    public void Decide_a_split_off_its_plan_is_a_red_check_that_rolls_back()
    {
        // Stage 10%, holdback 1%: planned 89.1 / 9.9 / 1.0, observed 89.1 / 9.5 / 1.4.
        var look = new RolloutLook(s_ladder, 2, Start, Start + TimeSpan.FromHours(20), 89_100, 9_500, 1_400, []);

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.RollBack);
        d.SampleRatioP!.Value.ShouldBeLessThan(1e-20);
        d.Reason.ShouldStartWith("The split does not match the plan: 89,100 not yet, 9,500 in, 1,400 held back against 89.1% / 9.9% / 1.0% planned (sequential sample-ratio p = ");
        d.Reason.ShouldEndWith("): rolled back at stage 10%; check the assignment and the exposure logging.");
    }

    [Fact]
    public void Decide_a_split_within_chance_of_its_plan_is_not_a_red_check()
    {
        var look = new RolloutLook(s_ladder, 2, Start, Start + TimeSpan.FromHours(20), 89_150, 9_850, 1_000, []);

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Stay);
        d.SampleRatioP!.Value.ShouldBe(1);
    }

    [Fact]
    public void Decide_an_empty_holdback_once_plenty_of_units_arrived_rolls_back()
    {
        // 1% of 5,000 units is 50 expected held back, and none arrived.
        var look = new RolloutLook(s_ladder, 2, Start, Start + TimeSpan.FromHours(1), 4_500, 500, 0, []);

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.RollBack);
        d.Reason.ShouldBe("No units reached the holdback arm although 50 of 5,000 were expected there: rolled back at stage 10%; check the assignment and the exposure logging.");
    }

    [Fact]
    public void Decide_an_empty_holdback_early_in_a_stage_is_not_yet_a_red_check()
    {
        // 5 expected, none seen: chance enough (e⁻⁵) for neither the empty-arm rule nor the sequential test.
        var look = new RolloutLook(s_ladder, 2, Start, Start + TimeSpan.FromMinutes(5), 450, 50, 0, []);

        s_policy.Decide(look).Move.ShouldBe(RolloutMove.Stay);
    }

    [Fact]
    public void Decide_without_a_holdback_leaves_the_holdback_arm_out_of_the_split()
    {
        RolloutPlan plan = s_ladder with { Holdback = 0 };
        var look = new RolloutLook(plan, 2, Start, Start + s_day, 90_000, 10_000, 0, []);

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Advance);
        d.SampleRatioP!.Value.ShouldBe(1);
    }

    [Fact]
    public void Decide_stage_with_its_minimum_time_and_units_and_no_harm_advances()
    {
        RolloutLook look = At(s_ladder, 1, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Advance);
        d.Reason.ShouldBe("Stage 5% held 1 day with 4,950 units in the feature and no harm on 1 guardrail: advancing to 10%.");
    }

    [Fact]
    public void Decide_stage_short_of_its_minimum_time_stays()
    {
        RolloutLook look = At(s_ladder, 1, TimeSpan.FromHours(23), 100_000).With(l => Conversion(l, 0.30, 0.30));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Stay);
        d.Reason.ShouldBe("Stage 5% is waiting for its minimum of 1 day (23 hours so far) before advancing to 10%.");
    }

    [Fact]
    public void Decide_stage_short_of_its_minimum_units_in_the_feature_stays()
    {
        RolloutLook look = At(s_ladder, 0, s_day, 50_000).With(l => Conversion(l, 0.30, 0.30));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Stay);
        d.Reason.ShouldBe("Stage 1% is waiting for 1,000 units in the feature (495 so far) before advancing to 5%.");
    }

    [Fact]
    public void Decide_into_the_last_stage_waits_until_every_guardrail_rules_out_harm_beyond_its_margin()
    {
        // Stage 50% after a day: 49,500 in; a 1% margin is not ruled out yet.
        RolloutLook look = At(s_ladder, 4, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30, margin: 0.01));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Stay);
        d.Gates.Single().NonInferiorityShown.ShouldBeFalse();
        d.Reason.ShouldStartWith("Stage 50% is waiting for checkout-conversion to rule out harm beyond its margin of 1.0% (always-valid interval \u2212");
        d.Reason.ShouldEndWith(") before advancing to 100%.");
    }

    [Fact]
    public void Decide_into_the_last_stage_advances_once_every_guardrail_is_within_its_margin()
    {
        RolloutLook look = At(s_ladder, 4, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30, margin: 0.05));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Advance);
        d.Gates.Single().NonInferiorityShown.ShouldBeTrue();
        d.Reason.ShouldBe("Stage 50% held 1 day with 49,500 units in the feature and no harm on 1 guardrail, every guardrail within its margin: advancing to 100%.");
    }

    [Fact]
    public void Decide_into_the_last_stage_an_approval_stands_in_for_the_margin()
    {
        RolloutLook look = At(s_ladder, 4, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30, margin: 0.01)) with { NextStageApproved = true };

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Advance);
        d.Reason.ShouldEndWith("advancing to 100% (approved).");
    }

    [Fact]
    public void Decide_before_the_step_into_the_last_stage_the_margin_is_not_needed()
    {
        // Stage 10% with a margin far too tight to rule out: it advances on time, units and no harm.
        RolloutLook look = At(s_ladder, 2, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30, margin: 0.001));

        s_policy.Decide(look).Move.ShouldBe(RolloutMove.Advance);
    }

    [Fact]
    public void Decide_a_next_stage_that_requires_approval_waits_for_it()
    {
        RolloutPlan plan = Plan(new RolloutPlanStage(0.05), new RolloutPlanStage(0.5) { RequiresApproval = true }, new RolloutPlanStage(1));
        RolloutLook look = At(plan, 0, s_day, 100_000);

        RolloutDecision waiting = s_policy.Decide(look);
        RolloutDecision approved = s_policy.Decide(look with { NextStageApproved = true });

        waiting.Move.ShouldBe(RolloutMove.AwaitApproval);
        waiting.Reason.ShouldBe("Stage 5% held 1 day with 4,950 units in the feature (the plan watches no guardrails): stage 50% waits for a person's approval.");
        approved.Move.ShouldBe(RolloutMove.Advance);
    }

    [Fact]
    public void Decide_a_stage_past_its_maximum_without_what_it_needs_pauses()
    {
        RolloutLook look = At(s_ladder, 0, TimeSpan.FromDays(7), 70_000);

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Pause);
        d.Reason.ShouldBe("Stage 1% reached its maximum of 7 days still waiting for 1,000 units in the feature (693 so far): paused; resume to keep collecting, or approve to advance.");
    }

    [Fact]
    public void Decide_a_stage_without_a_maximum_keeps_waiting()
    {
        RolloutPlan plan = Plan(new RolloutPlanStage(0.01) { MaxDuration = null }, new RolloutPlanStage(1));

        s_policy.Decide(At(plan, 0, TimeSpan.FromDays(30), 70_000)).Move.ShouldBe(RolloutMove.Stay);
    }

    [Fact]
    public void Decide_the_last_stage_completes_once_its_minimum_time_passed_without_harm()
    {
        RolloutLook early = At(s_ladder, 5, TimeSpan.FromHours(12), 50_000).With(l => Conversion(l, 0.30, 0.30));
        RolloutLook done = At(s_ladder, 5, s_day, 100_000).With(l => Conversion(l, 0.30, 0.30));

        RolloutDecision waiting = s_policy.Decide(early);
        RolloutDecision complete = s_policy.Decide(done);

        waiting.Move.ShouldBe(RolloutMove.Stay);
        waiting.Reason.ShouldBe("Stage 100% waits for its minimum of 1 day (12 hours so far) before completing.");
        complete.Move.ShouldBe(RolloutMove.Complete);
        complete.Reason.ShouldBe("Stage 100% held 1 day with 99,000 units in the feature and no harm on 1 guardrail: the rollout is complete; the 1% holdback stays.");
    }

    [Fact]
    public void Decide_with_no_guardrails_climbs_on_time_and_units_alone()
    {
        RolloutDecision d = s_policy.Decide(At(s_ladder, 4, s_day, 100_000));

        d.Move.ShouldBe(RolloutMove.Advance);
        d.Gates.ShouldBeEmpty();
        d.Reason.ShouldBe("Stage 50% held 1 day with 49,500 units in the feature (the plan watches no guardrails): advancing to 100%.");
    }

    [Fact]
    public void Decide_a_guardrail_with_zero_variance_and_no_change_is_within_its_margin()
    {
        RolloutLook look = At(s_ladder, 4, s_day, 100_000).With(l => Conversion(l, 1.0, 1.0, margin: 0.01));

        RolloutDecision d = s_policy.Decide(look);

        d.Move.ShouldBe(RolloutMove.Advance);
        // A reading also carries the gate's margin and the units on each side (the rollout page shows them).
        d.Gates.Single().ShouldBe(new GateReading("checkout-conversion", 0, 0, 0, false, true)
        {
            CarriedEvidence = d.Gates.Single().CarriedEvidence,
            Margin = 0.01,
            ControlUnits = 50_500,
            TreatmentUnits = 49_500,
        });
    }

    [Fact]
    public void Decide_a_guardrail_acts_only_once_both_arms_have_their_minimum_units()
    {
        // 400 units in the feature, none converting: an unmistakable fall, but below the 500-unit burn-in.
        RolloutLook look = At(s_ladder, 2, TimeSpan.FromHours(1), 4_100);
        long control = look.UnitsNotYet + look.UnitsHoldback;
        var guardrail = new GuardrailInput("checkout-conversion", true, 0.05, new ArmSums(control, control * 0.3, control * 0.3), new ArmSums(look.UnitsIn, 0, 0));
        RolloutLook few = look with { Guardrails = [guardrail] };
        var strict = new GuardedRolloutPolicy(Options.Create(new RolloutPolicyOptions { MinUnitsPerArm = 100 }));

        look.UnitsIn.ShouldBeLessThan(500);
        s_policy.Decide(few).Move.ShouldBe(RolloutMove.Stay);
        strict.Decide(few).Move.ShouldBe(RolloutMove.RollBack);
    }

    [Fact]
    public void Decide_evidence_carried_from_earlier_stages_shows_harm_that_one_stage_alone_does_not()
    {
        // Stage 10% half a day in, down 5%: not enough on its own at α/(1 × 6).
        RolloutLook look = At(s_ladder, 2, TimeSpan.FromHours(12), 50_000).With(l => Conversion(l, 0.30, 0.285));
        GuardrailInput guardrail = look.Guardrails.Single();

        RolloutDecision alone = s_policy.Decide(look);
        RolloutDecision carried = s_policy.Decide(look with { Guardrails = [guardrail with { CarriedEvidence = 30 }] });

        alone.Move.ShouldBe(RolloutMove.Stay);
        carried.Move.ShouldBe(RolloutMove.RollBack);
        carried.Gates.Single().Upper.ShouldBeLessThan(0);
        // What this look would carry on: (30 + 1) times its own e-value.
        carried.Gates.Single().CarriedEvidence.ShouldBe(31 * alone.Gates.Single().CarriedEvidence, 1e-9 * carried.Gates.Single().CarriedEvidence);
    }

    [Fact]
    public void Decide_splits_the_harm_level_across_guardrails_and_stages()
    {
        // The same fall on a two-stage plan is harm; on the six-stage ladder, with α split six ways, not yet.
        RolloutPlan twoStages = Plan(new RolloutPlanStage(0.10), new RolloutPlanStage(1));
        RolloutLook shortPlan = At(twoStages, 0, TimeSpan.FromHours(12), 50_000).With(l => Conversion(l, 0.30, 0.279));
        RolloutLook ladder = At(s_ladder, 2, TimeSpan.FromHours(12), 50_000).With(l => Conversion(l, 0.30, 0.279));

        s_policy.Decide(shortPlan).Move.ShouldBe(RolloutMove.RollBack);
        s_policy.Decide(ladder).Move.ShouldBe(RolloutMove.Stay);
    }

    [Fact]
    public void Decide_refuses_a_stage_index_outside_the_plan()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => s_policy.Decide(At(s_ladder, 0, s_day, 10) with { StageIndex = 6 }));
    }

    [Fact]
    public void Constructor_refuses_options_out_of_range_naming_the_setting()
    {
        ArgumentException e = Should.Throw<ArgumentException>(() => new GuardedRolloutPolicy(Options.Create(new RolloutPolicyOptions { GuardrailAlpha = 0.7 })));

        e.Message.ShouldStartWith("Rollouts:Policy:GuardrailAlpha must lie strictly between 0 and 0.5 (it is 0.7); the default is 0.05.");
    }

    [Fact]
    public void AddFailSmartApplication_registers_the_policy_with_options_from_Rollouts_Policy()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rollouts:Policy:GuardrailAlpha"] = "0.1", ["Rollouts:Policy:MinUnitsPerArm"] = "200" })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddSingleton(configuration).AddFailSmartApplication().BuildServiceProvider();

        services.GetRequiredService<IRolloutPolicy>().ShouldBeOfType<GuardedRolloutPolicy>();
        RolloutPolicyOptions options = services.GetRequiredService<IOptions<RolloutPolicyOptions>>().Value;
        options.GuardrailAlpha.ShouldBe(0.1);
        options.MinUnitsPerArm.ShouldBe(200);
    }

    [Fact]
    public void AddFailSmartApplication_refuses_a_policy_setting_out_of_range_with_its_name()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rollouts:Policy:SampleRatioAlpha"] = "0" })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddSingleton(configuration).AddFailSmartApplication().BuildServiceProvider();

        OptionsValidationException e = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RolloutPolicyOptions>>().Value);
        e.Message.ShouldContain("Rollouts:Policy:SampleRatioAlpha must lie strictly between 0 and 0.5");
    }
}
