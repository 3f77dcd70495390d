using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class StickyAssignmentTests
{
    private static Configuration Config(double[] weights, double coverage) => new()
    {
        Flags = [StringFlag("f", ["control", "treatment"], "control", RunExperiment("run", "e"))],
        Experiments = [new Experiment("e", [new ExperimentVariation("control", weights[0]), new ExperimentVariation("treatment", weights[1])]) { Coverage = coverage }],
    };

    [Fact]
    public void Evaluate_with_sticky_store_keeps_assignments_when_weights_and_coverage_change()
    {
        var store = new InMemoryStickyAssignmentStore();
        var options = new EvaluatorOptions { StickyAssignments = store };
        var before = new Evaluator(Config([0.5, 0.5], 0.5), Env, options);
        var after = new Evaluator(Config([0.9, 0.1], 1.0), Env, options);
        var withoutStore = new Evaluator(Config([0.9, 0.1], 1.0), Env);
        var unit = new SingleIdAttributes();
        int moved = 0, enrolled = 0;

        foreach (string id in UnitIds.Generate(5_000))
        {
            unit.Id = id;
            EvaluationResult first = before.Evaluate("f", unit);
            if (!first.InExperiment)
            {
                continue;
            }

            enrolled++;
            after.Evaluate("f", unit).VariationKey.ShouldBe(first.VariationKey);
            moved += withoutStore.Evaluate("f", unit).VariationKey == first.VariationKey ? 0 : 1;
        }

        enrolled.ShouldBeGreaterThan(500);
        moved.ShouldBeGreaterThan(0);
        store.Count.ShouldBe(enrolled);
    }

    [Fact]
    public void Evaluate_raising_coverage_never_reassigns_even_without_a_store()
    {
        var low = new Evaluator(Config([0.5, 0.5], 0.1), Env);
        var high = new Evaluator(Config([0.5, 0.5], 0.8), Env);
        var unit = new SingleIdAttributes();

        foreach (string id in UnitIds.Generate(5_000))
        {
            unit.Id = id;
            EvaluationResult first = low.Evaluate("f", unit);
            if (first.InExperiment)
            {
                high.Evaluate("f", unit).VariationKey.ShouldBe(first.VariationKey);
            }
        }
    }
}
