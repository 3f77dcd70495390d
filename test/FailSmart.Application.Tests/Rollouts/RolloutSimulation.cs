using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using MathNet.Numerics.Random;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>
/// Guarded rollouts of a feature with a planted effect on one conversion guardrail, on sufficient
/// statistics and simulated time, seeded. Units arrive evenly, each one new, and are exposed once, in
/// the stage current at their arrival. After every look the move is applied as the engine applies it:
/// advance enters the next stage as a new phase whose counts start from zero; roll back, pause and
/// complete end the run.
/// </summary>
internal static class RolloutSimulation
{
    public const string MetricKey = "conversion";

    /// <summary>The documented default ladder: 1, 5, 10, 25, 50 and 100% of the units not held back.</summary>
    public static IReadOnlyList<double> Ladder { get; } = [0.01, 0.05, 0.10, 0.25, 0.50, 1.0];

    public static RolloutPlan Plan(RolloutSimulationSettings settings) =>
        new([.. Ladder.Select(f => new RolloutPlanStage(f) { MinDuration = settings.MinDuration, MinUnits = settings.MinUnits })])
        {
            Holdback = settings.Holdback,
            Metrics = [new MetricReference(MetricKey) { Role = MetricUse.Guardrail, Margin = settings.RelativeMargin }],
        };

    public static IReadOnlyList<RolloutRunOutcome> Run(IRolloutPolicy policy, RolloutSimulationSettings settings, double effect, int seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var outcomes = new RolloutRunOutcome[settings.Runs];
        for (int run = 0; run < settings.Runs; run++)
        {
            outcomes[run] = RunOne(policy, settings, effect, random);
        }

        return outcomes;
    }

    private static RolloutRunOutcome RunOne(IRolloutPolicy policy, RolloutSimulationSettings settings, double effect, Random random)
    {
        RolloutPlan plan = Plan(settings);
        DateTimeOffset start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset stageStart = start;
        int stage = 0;
        long notYet = 0, inFeature = 0, holdback = 0;
        long controlConversions = 0, featureConversions = 0;
        double? lastStageDays = null;
        double carried = 0;
        long hours = settings.HorizonDays * 24;
        for (long hour = 0; hour < hours; hour++)
        {
            // Even arrivals: the units of hour h are ⌊U(h + 1)/24⌋ − ⌊Uh/24⌋.
            int arrivals = (int)((settings.UnitsPerDay * (hour + 1) / 24) - (settings.UnitsPerDay * hour / 24));
            int held = BinomialDraw.Sample(random, settings.Holdback, arrivals);
            int eligible = arrivals - held;
            int inNow = BinomialDraw.Sample(random, Ladder[stage], eligible);
            int notYetNow = eligible - inNow;
            notYet += notYetNow;
            inFeature += inNow;
            holdback += held;
            controlConversions += BinomialDraw.Sample(random, settings.Baseline, notYetNow + held);
            featureConversions += BinomialDraw.Sample(random, settings.Baseline + effect, inNow);

            DateTimeOffset now = start.AddHours(hour + 1);
            long control = notYet + holdback;
            var look = new RolloutLook(
                plan,
                stage,
                stageStart,
                now,
                notYet,
                inFeature,
                holdback,
                [new GuardrailInput(MetricKey, true, settings.RelativeMargin, new ArmSums(control, controlConversions, controlConversions), new ArmSums(inFeature, featureConversions, featureConversions)) { CarriedEvidence = settings.CarryEvidence ? carried : 0 }]);
            RolloutDecision decision = policy.Decide(look);
            double days = (now - start).TotalDays;
            switch (decision.Move)
            {
                case RolloutMove.Advance:
                    stage++;
                    plan = plan with { Phase = plan.Phase + 1 };
                    stageStart = now;
                    carried = decision.Gates[0].CarriedEvidence;
                    notYet = inFeature = holdback = controlConversions = featureConversions = 0;
                    if (stage == Ladder.Count - 1)
                    {
                        lastStageDays = days;
                    }

                    break;
                case RolloutMove.Stay:
                    break;
                default:
                    return new RolloutRunOutcome(decision.Move, stage, days, lastStageDays, decision.Reason);
            }
        }

        return new RolloutRunOutcome(null, stage, settings.HorizonDays, lastStageDays, "still running at the horizon");
    }
}
