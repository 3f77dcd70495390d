using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

public sealed class HoldoutPropertyTests
{
    private static Configuration WithHoldout(HoldoutScope scope, int holdoutEnd) => new()
    {
        Flags =
        [
            StringFlag("exp-flag", ["control", "treatment"], "control", RunExperiment("run", "exp")),
            BooleanFlag("launch", true, Rollout("all", 1.0)),
        ],
        Experiments = [Experiment("exp", ["control", "treatment"], layer: InLayer("main", 0, 10_000))],
        Layers = [new Layer("main", "main-salt")],
        Holdouts = [new Holdout("long-term", "holdout-salt", new BucketSpan(0, holdoutEnd), scope)],
    };

    [Property(MaxTest = 300)]
    public Property Evaluate_held_out_unit_never_gets_a_treatment_in_scope(NonNull<string> id, byte size)
    {
        string unit = id.Get.Length == 0 ? "u" : id.Get;
        int end = 1 + (size * 39);
        var evaluator = new Evaluator(WithHoldout(HoldoutScope.Everything, end), Env);
        var attributes = new SingleIdAttributes { Id = unit };
        bool held = BucketHash.BucketV2("holdout-salt", unit) < end;

        var experiment = evaluator.Evaluate("exp-flag", attributes);
        var launch = evaluator.Evaluate("launch", attributes);

        bool ok = !held || (experiment.Reason == EvaluationReason.Holdout && !experiment.InExperiment
            && experiment.VariationKey == "control" && !launch.Value.AsBoolean());
        return ok.Label($"'{unit}' held={held}: {experiment.Reason}/{experiment.VariationKey}, launch {launch.Value}");
    }

    [Fact]
    public void Evaluate_experiment_scoped_holdout_keeps_units_out_of_that_experiment_only()
    {
        var scope = new HoldoutScope { Experiments = ["exp"] };
        var evaluator = new Evaluator(WithHoldout(scope, 1000), Env);
        var unit = new SingleIdAttributes();
        int held = 0;

        foreach (string id in UnitIds.Generate(20_000))
        {
            unit.Id = id;
            bool inHoldout = BucketHash.BucketV2("holdout-salt", id) < 1000;
            EvaluationResult experiment = evaluator.Evaluate("exp-flag", unit);

            experiment.InExperiment.ShouldBe(!inHoldout);
            evaluator.Evaluate("launch", unit).Value.AsBoolean().ShouldBeTrue();
            held += inHoldout ? 1 : 0;
        }

        (held / 20_000.0).ShouldBe(0.1, 0.01);
    }
}
