using FailSmart.Core.Model;
using FailSmart.Statistics;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// The rules of a guarded rollout (docs/rollouts.md). Red first: a guardrail showing harm, or a split that
/// does not match the plan, rolls back at once. Then the clock and the units: a stage that held its
/// minimum time with its minimum units in the feature advances (into the last stage only once every
/// guardrail rules out harm beyond its margin, or a person approved), waits for approval when the stage
/// it would enter asks for one, and pauses when it reaches its maximum time without what it needs.
/// The last stage completes once it held its minimum time without harm.
/// </summary>
internal sealed class GuardedRolloutPolicy : IRolloutPolicy
{
    private readonly RolloutPolicyOptions _options;

    public GuardedRolloutPolicy(IOptions<RolloutPolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        string? problem = RolloutPolicyOptionsCheck.Problem(_options);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }
    }

    public RolloutDecision Decide(RolloutLook look)
    {
        ArgumentNullException.ThrowIfNull(look);
        RolloutPlan plan = look.Plan;
        if (plan.Stages.Count == 0 || look.StageIndex < 0 || look.StageIndex >= plan.Stages.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(look), look.StageIndex, $"The plan has {plan.Stages.Count} stages; stage index {look.StageIndex} is not one of them.");
        }

        if (look.UnitsNotYet < 0 || look.UnitsIn < 0 || look.UnitsHoldback < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(look), "Unit counts cannot be negative.");
        }

        RolloutPlanStage stage = plan.Stages[look.StageIndex];
        string at = RolloutText.Stage(stage.Fraction);
        int stages = plan.Stages.Count;
        int guardrails = Math.Max(1, look.Guardrails.Count);
        double harmAlpha = _options.GuardrailAlpha / (guardrails * stages);
        double marginAlpha = _options.NonInferiorityAlpha / guardrails;

        var gates = new List<GateReading>(look.Guardrails.Count);
        var inputs = new List<(GuardrailInput Input, GateReading Gate)>(look.Guardrails.Count);
        foreach (GuardrailInput guardrail in look.Guardrails)
        {
            GateReading gate = Read(guardrail, harmAlpha, marginAlpha);
            gates.Add(gate);
            inputs.Add((guardrail, gate));
        }

        // Harm first, the worst one named: the feature is hurting people now.
        (GuardrailInput Input, GateReading Gate)? harmed = inputs
            .Where(g => g.Gate.HarmShown)
            .OrderByDescending(g => Math.Abs(g.Gate.Estimate))
            .Cast<(GuardrailInput, GateReading)?>()
            .FirstOrDefault();
        SplitCheck split = SplitCheck.Read(look, plan.Holdback, stage.Fraction, _options.SampleRatioAlpha / stages, _options.SampleRatioConcentration, _options.EmptyArmExpectedUnits);
        if (harmed is { } h)
        {
            return new RolloutDecision(RolloutMove.RollBack, RolloutText.Harm(h.Input, h.Gate, at), gates, split.P);
        }

        if (split.Problem is not null)
        {
            return new RolloutDecision(RolloutMove.RollBack, $"{split.Problem}: rolled back at stage {at}; check the assignment and the exposure logging.", gates, split.P);
        }

        TimeSpan elapsed = look.Now > look.StageStartedAt ? look.Now - look.StageStartedAt : TimeSpan.Zero;
        bool timeMet = elapsed >= stage.MinDuration;
        bool unitsMet = look.UnitsIn >= stage.MinUnits;
        bool last = look.StageIndex == stages - 1;
        string held = $"Stage {at} held {RolloutText.Duration(elapsed)} with {RolloutText.Count(look.UnitsIn)} units in the feature " +
            (look.Guardrails.Count > 0 ? $"and no harm on {RolloutText.Guardrails(look.Guardrails.Count)}" : "(the plan watches no guardrails)");

        if (last)
        {
            if (timeMet)
            {
                return new RolloutDecision(RolloutMove.Complete, $"{held}: the rollout is complete; the {RolloutText.Stage(plan.Holdback)} holdback stays.", gates, split.P);
            }

            return new RolloutDecision(RolloutMove.Stay, $"Stage {at} waits for its minimum of {RolloutText.Duration(stage.MinDuration)} ({RolloutText.Duration(elapsed)} so far) before completing.", gates, split.P);
        }

        RolloutPlanStage next = plan.Stages[look.StageIndex + 1];
        string nextAt = RolloutText.Stage(next.Fraction);
        bool intoLast = look.StageIndex + 1 == stages - 1;
        List<(GuardrailInput Input, GateReading Gate)> open = intoLast ? [.. inputs.Where(g => !g.Gate.NonInferiorityShown)] : [];
        bool marginMet = open.Count == 0 || look.NextStageApproved;

        if (timeMet && unitsMet && marginMet)
        {
            string within = intoLast && open.Count == 0 && look.Guardrails.Count > 0 ? ", every guardrail within its margin" : string.Empty;
            if (next.RequiresApproval && !look.NextStageApproved)
            {
                return new RolloutDecision(RolloutMove.AwaitApproval, $"{held}{within}: stage {nextAt} waits for a person's approval.", gates, split.P);
            }

            string approved = look.NextStageApproved ? " (approved)" : string.Empty;
            return new RolloutDecision(RolloutMove.Advance, $"{held}{within}: advancing to {nextAt}{approved}.", gates, split.P);
        }

        string needs = Needs(stage, elapsed, look.UnitsIn, timeMet, unitsMet, open);
        if (stage.MaxDuration is { } max && elapsed >= max)
        {
            return new RolloutDecision(RolloutMove.Pause, $"Stage {at} reached its maximum of {RolloutText.Duration(max)} still {needs}: paused; resume to keep collecting, or approve to advance.", gates, split.P);
        }

        return new RolloutDecision(RolloutMove.Stay, $"Stage {at} is {needs} before advancing to {nextAt}.", gates, split.P);
    }

    private static string Needs(RolloutPlanStage stage, TimeSpan elapsed, long unitsIn, bool timeMet, bool unitsMet, List<(GuardrailInput Input, GateReading Gate)> open)
    {
        var parts = new List<string>(3);
        if (!timeMet)
        {
            parts.Add($"its minimum of {RolloutText.Duration(stage.MinDuration)} ({RolloutText.Duration(elapsed)} so far)");
        }

        if (!unitsMet)
        {
            parts.Add($"{RolloutText.Count(stage.MinUnits)} units in the feature ({RolloutText.Count(unitsIn)} so far)");
        }

        if (open.Count > 0)
        {
            (GuardrailInput input, GateReading gate) = open[0];
            string more = open.Count > 1 ? $" and {open.Count - 1} more" : string.Empty;
            parts.Add($"{input.MetricKey} to rule out harm beyond its margin of {RolloutText.Magnitude(input.RelativeMargin)} ({RolloutText.Interval(gate)}){more}");
        }

        return "waiting for " + string.Join(" and ", parts);
    }

    private GateReading Read(GuardrailInput guardrail, double harmAlpha, double marginAlpha)
    {
        GuardrailGateResult r = GuardrailGate.Evaluate(
            new MeanStatistics(guardrail.Control.Units, guardrail.Control.Sum, guardrail.Control.SumOfSquares),
            new MeanStatistics(guardrail.Treatment.Units, guardrail.Treatment.Sum, guardrail.Treatment.SumOfSquares),
            guardrail.HigherIsBetter ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter,
            guardrail.RelativeMargin,
            harmAlpha,
            marginAlpha,
            _options.TuningSampleSize,
            guardrail.CarriedEvidence is >= 0 and < double.PositiveInfinity ? guardrail.CarriedEvidence : 0);
        // Below the burn-in the normal approximation of a ratio of small-sample means is too rough to act on.
        bool enough = Math.Min(guardrail.Control.Units, guardrail.Treatment.Units) >= _options.MinUnitsPerArm;
        return new GateReading(guardrail.MetricKey, r.Estimate, r.Interval.Lower, r.Interval.Upper, enough && r.HarmShown, enough && r.NonInferiorityShown)
        {
            CarriedEvidence = r.CarriedEvidence,
            Margin = guardrail.RelativeMargin,
            ControlUnits = guardrail.Control.Units,
            TreatmentUnits = guardrail.Treatment.Units,
        };
    }
}
