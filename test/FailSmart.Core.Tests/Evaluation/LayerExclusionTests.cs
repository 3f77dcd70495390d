using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class LayerExclusionTests
{
    private static Configuration ThreeExperimentsInOneLayer(int first, int second) => new()
    {
        Flags =
        [
            StringFlag("a", ["control", "treatment"], "control", RunExperiment("r", "exp-a")),
            StringFlag("b", ["control", "treatment"], "control", RunExperiment("r", "exp-b")),
            StringFlag("c", ["control", "treatment", "other"], "control", RunExperiment("r", "exp-c")),
        ],
        Experiments =
        [
            Experiment("exp-a", ["control", "treatment"], layer: InLayer("retention", 0, first)),
            Experiment("exp-b", ["control", "treatment"], layer: InLayer("retention", first, second)),
            Experiment("exp-c", ["control", "treatment", "other"], layer: InLayer("retention", second, 10_000)),
        ],
        Layers = [new Layer("retention", "retention-salt")],
    };

    [Fact]
    public void Evaluate_one_million_units_none_is_in_two_experiments_of_one_layer()
    {
        var evaluator = new Evaluator(ThreeExperimentsInOneLayer(3000, 6000), Env);
        var unit = new SingleIdAttributes();
        var enrolled = new int[4];

        foreach (string id in UnitIds.Generate(1_000_000, seed: 7))
        {
            unit.Id = id;
            int count = (evaluator.Evaluate("a", unit).InExperiment ? 1 : 0)
                + (evaluator.Evaluate("b", unit).InExperiment ? 1 : 0)
                + (evaluator.Evaluate("c", unit).InExperiment ? 1 : 0);
            enrolled[count]++;
        }

        enrolled[2].ShouldBe(0);
        enrolled[3].ShouldBe(0);
        enrolled[1].ShouldBe(1_000_000);
    }

    [Property(MaxTest = 200)]
    public Property Evaluate_random_allocations_never_share_a_unit(PositiveInt cut1, PositiveInt cut2, NonNull<string> id)
    {
        int first = cut1.Get % 10_000;
        int second = first + (cut2.Get % (10_001 - first));
        var evaluator = new Evaluator(ThreeExperimentsInOneLayer(first, second), Env);
        var unit = new SingleIdAttributes { Id = id.Get.Length == 0 ? "x" : id.Get };

        int count = new[] { "a", "b", "c" }.Count(f => evaluator.Evaluate(f, unit).InExperiment);

        return (count <= 1).Label($"unit '{unit.Id}' in {count} experiments with cuts {first}, {second}");
    }
}
