namespace FailSmart.Statistics.Tests.Decisions;

public sealed class GuardrailTests
{
    private static NonInferiorityResult NonInferiority(double estimate, double se, double margin) =>
        Statistics.NonInferiority.Test(new LiftEstimate(estimate, se, 1e6, estimate / se, 0, default, 0, default), margin);

    [Fact]
    public void Evaluate_interval_below_zero_is_harm()
    {
        GuardrailResult g = Guardrail.Evaluate(new Interval(-0.06, -0.01), NonInferiority(-0.035, 0.0125, 0.01));

        g.Verdict.ShouldBe(GuardrailVerdict.Harm);
        g.Message.ShouldStartWith("Harm:");
    }

    [Fact]
    public void Evaluate_tight_interval_near_zero_rules_out_loss_beyond_margin()
    {
        // Lower one-sided 95% bound = 0.001 − 1.6449 × 0.003 = −0.0039 > −0.01: non-inferior.
        GuardrailResult g = Guardrail.Evaluate(new Interval(-0.005, 0.007), NonInferiority(0.001, 0.003, 0.01));

        g.Verdict.ShouldBe(GuardrailVerdict.NoHarmDetected);
        g.WithinMargin.ShouldBeTrue();
        g.Message.ShouldBe("No harm detected: +0.1% (interval −0.5% to +0.7%); a loss larger than 1% is ruled out.");
    }

    [Fact]
    public void Evaluate_wide_interval_says_no_harm_detected_so_far()
    {
        GuardrailResult g = Guardrail.Evaluate(new Interval(-0.04, 0.05), NonInferiority(0.005, 0.023, 0.01));

        g.Verdict.ShouldBe(GuardrailVerdict.NoHarmDetected);
        g.WithinMargin.ShouldBeFalse();
        g.Message.ShouldContain("cannot be ruled out yet");
    }
}
