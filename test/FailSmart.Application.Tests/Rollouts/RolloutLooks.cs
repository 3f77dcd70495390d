using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>Builds looks whose arms hold exactly their planned shares of a stage's units, with a conversion guardrail.</summary>
internal static class RolloutLooks
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static RolloutPlan Plan(params RolloutPlanStage[] stages) =>
        new(stages.Length > 0 ? stages : [.. RolloutSimulation.Ladder.Select(f => new RolloutPlanStage(f))]);

    /// <summary>A look at <paramref name="stageIndex"/> after <paramref name="elapsed"/>, with <paramref name="units"/> units split as planned.</summary>
    public static RolloutLook At(RolloutPlan plan, int stageIndex, TimeSpan elapsed, long units, params GuardrailInput[] guardrails)
    {
        double s = plan.Stages[stageIndex].Fraction;
        double h = plan.Holdback;
        long holdback = (long)Math.Round(units * h);
        long inFeature = (long)Math.Round(units * (1 - h) * s);
        long notYet = units - holdback - inFeature;
        return new RolloutLook(plan, stageIndex, Start, Start + elapsed, notYet, inFeature, holdback, guardrails);
    }

    /// <summary>A conversion guardrail on a look's arms: control = not yet + holdback, at the given rates.</summary>
    public static GuardrailInput Conversion(RolloutLook look, double controlRate, double featureRate, double margin = 0.05, string key = "checkout-conversion")
    {
        long control = look.UnitsNotYet + look.UnitsHoldback;
        double c = Math.Round(control * controlRate);
        double t = Math.Round(look.UnitsIn * featureRate);
        return new GuardrailInput(key, true, margin, new ArmSums(control, c, c), new ArmSums(look.UnitsIn, t, t));
    }

    /// <summary>The look again with guardrails read from its own arms.</summary>
    public static RolloutLook With(this RolloutLook look, params Func<RolloutLook, GuardrailInput>[] guardrails) =>
        look with { Guardrails = [.. guardrails.Select(g => g(look))] };
}
