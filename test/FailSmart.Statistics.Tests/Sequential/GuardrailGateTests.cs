namespace FailSmart.Statistics.Tests.Sequential;

public sealed class GuardrailGateTests
{
    // 30% control conversion on 90,000 units; proportions are means of 0/1 values, so Σy² = Σy.
    private static readonly MeanStatistics s_control = new(90_000, 27_000, 27_000);

    [Fact]
    public void Evaluate_a_clear_drop_in_conversion_shows_harm_and_no_non_inferiority()
    {
        // Treatment 28% on 10,000 units: −6.67% relative.
        GuardrailGateResult r = GuardrailGate.Evaluate(s_control, new MeanStatistics(10_000, 2_800, 2_800), MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000);

        r.Estimate.ShouldBe(-1.0 / 15, 1e-12);
        r.Interval.Upper.ShouldBeLessThan(0);
        r.HarmShown.ShouldBeTrue();
        r.NonInferiorityShown.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_uses_the_delta_method_error_and_each_end_at_its_own_level()
    {
        var treatment = new MeanStatistics(10_000, 3_030, 3_030);
        GuardrailGateResult r = GuardrailGate.Evaluate(s_control, treatment, MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000);

        // Var(r) = s_t²/(n_t x̄_c²) + s_c² x̄_t²/(n_c x̄_c⁴) with n − 1 variances (Deng, Knoblich & Lu 2018).
        double vc = 0.3 * 0.7 * 90_000 / 89_999;
        double vt = 0.303 * 0.697 * 10_000 / 9_999;
        double se = Math.Sqrt((vt / (10_000 * 0.09)) + (vc * 0.303 * 0.303 / (90_000 * 0.3 * 0.3 * 0.09)));
        r.Estimate.ShouldBe(0.01, 1e-12);
        r.StandardError.ShouldBe(se, 1e-12);
        r.Interval.Upper.ShouldBe(0.01 + ConfidenceSequence.OneSidedHalfWidth(se, 100_000, 100_000, 0.01), 1e-12);
        r.Interval.Lower.ShouldBe(0.01 - ConfidenceSequence.OneSidedHalfWidth(se, 100_000, 100_000, 0.05), 1e-12);
    }

    [Fact]
    public void Evaluate_lower_is_better_shows_harm_on_a_rise_and_rules_out_harm_beyond_the_margin_on_a_fall()
    {
        var control = new MeanStatistics(50_000, 50_000 * 200.0, 50_000 * ((200.0 * 200) + (40 * 40)));
        var slower = new MeanStatistics(50_000, 50_000 * 210.0, 50_000 * ((210.0 * 210) + (40 * 40)));
        var faster = new MeanStatistics(50_000, 50_000 * 195.0, 50_000 * ((195.0 * 195) + (40 * 40)));

        GuardrailGateResult up = GuardrailGate.Evaluate(control, slower, MetricDirection.LowerIsBetter, 0.01, 0.01, 0.05, 100_000);
        GuardrailGateResult down = GuardrailGate.Evaluate(control, faster, MetricDirection.LowerIsBetter, 0.01, 0.01, 0.05, 100_000);

        up.Estimate.ShouldBe(0.05, 1e-12);
        up.HarmShown.ShouldBeTrue();
        up.NonInferiorityShown.ShouldBeFalse();
        down.Estimate.ShouldBe(-0.025, 1e-12);
        down.HarmShown.ShouldBeFalse();
        down.NonInferiorityShown.ShouldBeTrue();
        down.Interval.Upper.ShouldBeLessThan(0.01);
    }

    [Fact]
    public void Evaluate_the_same_drop_in_a_metric_with_a_negative_mean_is_still_harm()
    {
        // A profit of −10 becoming −12 is a 20% fall, whatever the sign of the mean.
        var control = new MeanStatistics(40_000, 40_000 * -10.0, 40_000 * (100.0 + 4));
        var treatment = new MeanStatistics(40_000, 40_000 * -12.0, 40_000 * (144.0 + 4));

        GuardrailGateResult r = GuardrailGate.Evaluate(control, treatment, MetricDirection.HigherIsBetter, 0.01, 0.01, 0.05, 100_000);

        r.Estimate.ShouldBe(-0.2, 1e-12);
        r.HarmShown.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_with_zero_variance_reads_the_exact_difference()
    {
        var allConvert = new MeanStatistics(1_000, 1_000, 1_000);

        GuardrailGateResult same = GuardrailGate.Evaluate(allConvert, allConvert, MetricDirection.HigherIsBetter, 0.01, 0.01, 0.05, 100_000);
        GuardrailGateResult worse = GuardrailGate.Evaluate(allConvert, new MeanStatistics(1_000, 900, 900), MetricDirection.HigherIsBetter, 0.01, 0.01, 0.05, 100_000);

        same.Estimate.ShouldBe(0);
        same.Interval.ShouldBe(new Interval(0, 0));
        same.HarmShown.ShouldBeFalse();
        same.NonInferiorityShown.ShouldBeTrue();
        // The control has no variance but the treatment has, so the interval has width and shows the fall.
        worse.Estimate.ShouldBe(-0.1, 1e-12);
        worse.HarmShown.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(100, 1)]
    [InlineData(0, 0)]
    public void Evaluate_with_fewer_than_two_units_in_an_arm_is_undefined_and_shows_nothing(long controlUnits, long treatmentUnits)
    {
        GuardrailGateResult r = GuardrailGate.Evaluate(
            new MeanStatistics(controlUnits, 0.3 * controlUnits, 0.3 * controlUnits),
            new MeanStatistics(treatmentUnits, 0, 0),
            MetricDirection.HigherIsBetter,
            0.01,
            0.01,
            0.05,
            100_000);

        r.IsDefined.ShouldBeFalse();
        r.HarmShown.ShouldBeFalse();
        r.NonInferiorityShown.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_with_a_zero_control_mean_is_undefined()
    {
        GuardrailGateResult r = GuardrailGate.Evaluate(new MeanStatistics(1_000, 0, 0), new MeanStatistics(1_000, 5, 5), MetricDirection.LowerIsBetter, 0.01, 0.01, 0.05, 100_000);

        r.IsDefined.ShouldBeFalse();
        r.HarmShown.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_refuses_a_negative_margin()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GuardrailGate.Evaluate(s_control, s_control, MetricDirection.HigherIsBetter, -0.01, 0.01, 0.05, 100_000));
    }

    [Fact]
    public void Evaluate_harm_is_shown_exactly_when_the_carried_evidence_times_this_look_reaches_one_over_alpha()
    {
        // Down 3.3% on 10,000 units: not enough alone at α = 0.01.
        var treatment = new MeanStatistics(10_000, 2_900, 2_900);
        GuardrailGateResult alone = GuardrailGate.Evaluate(s_control, treatment, MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000);
        double e = alone.CarriedEvidence; // (0 + 1) × this look's e-value
        GuardrailGateResult justShort = GuardrailGate.Evaluate(s_control, treatment, MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000, (0.99 / (0.01 * e)) - 1);
        GuardrailGateResult justOver = GuardrailGate.Evaluate(s_control, treatment, MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000, (1.01 / (0.01 * e)) - 1);

        alone.HarmShown.ShouldBeFalse();
        e.ShouldBeGreaterThan(1);
        justShort.HarmShown.ShouldBeFalse();
        justOver.HarmShown.ShouldBeTrue();
        justOver.CarriedEvidence.ShouldBe(1.01 / 0.01, 1e-6);
        // The estimate and the other end do not depend on what was carried.
        justOver.Estimate.ShouldBe(alone.Estimate);
        justOver.Interval.Lower.ShouldBe(alone.Interval.Lower);
    }

    [Fact]
    public void Evaluate_without_a_reading_carries_the_evidence_on_with_an_e_value_of_one()
    {
        GuardrailGateResult r = GuardrailGate.Evaluate(new MeanStatistics(1, 1, 1), s_control, MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000, 4);

        r.IsDefined.ShouldBeFalse();
        r.CarriedEvidence.ShouldBe(5);
    }

    [Fact]
    public void Evaluate_a_change_in_the_good_direction_carries_less_than_it_was_given()
    {
        GuardrailGateResult r = GuardrailGate.Evaluate(s_control, new MeanStatistics(10_000, 3_200, 3_200), MetricDirection.HigherIsBetter, 0.05, 0.01, 0.05, 100_000, 4);

        r.CarriedEvidence.ShouldBeLessThan(1);
    }

    [Fact]
    public void Evaluate_refuses_negative_carried_evidence()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GuardrailGate.Evaluate(s_control, s_control, MetricDirection.HigherIsBetter, 0.01, 0.01, 0.05, 100_000, -1));
    }
}
