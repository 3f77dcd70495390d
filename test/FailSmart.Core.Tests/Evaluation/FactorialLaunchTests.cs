using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Tests.Support;
using FailSmart.Core.Values;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Evaluation;

/// <summary>How a unit enters a factorial launch (coverage, layer, holdout, sticky) and how it is explained.</summary>
public sealed class FactorialLaunchTests
{
    private static readonly FactorialFeature[] s_features = [new("f0", "s0"), new("f1", "s1"), new("f2", "s2")];

    private static Configuration Config(double coverage = 1, LayerAllocation? layer = null) => new()
    {
        Flags = [.. s_features.Select(f => BooleanFlag(f.Flag, true, RunExperiment("launch", "spring")))],
        Experiments = [Launches.Launch("spring", s_features, coverage, layer)],
        Layers = layer is null ? [] : [new Layer(layer.LayerKey, "layer-salt")],
    };

    private static string ExpectedCell(string id) =>
        string.Concat(s_features.Select(f => BucketHash.BucketV2(f.Seed, id) < 5000 ? '1' : '0'));

    [Fact]
    public void Coverage_is_decided_by_the_launchs_own_seed_and_the_cell_by_the_features()
    {
        var evaluator = new Evaluator(Config(coverage: 0.3), Env);
        var unit = new SingleIdAttributes();
        int enrolled = 0;
        string[] ids = UnitIds.Generate(10_000);
        foreach (string id in ids)
        {
            unit.Id = id;
            EvaluationResult result = evaluator.Evaluate("f1", unit);
            // Eight equal cells under 30% coverage: GrowthBook's ranges, the first 0.3 of each eighth.
            double point = BucketHash.Hash("spring", id, 2)!.Value;
            bool inCoverage = VariationRanges.Choose(point, VariationRanges.Compute(8, 0.3, null)) >= 0;
            result.InExperiment.ShouldBe(inCoverage, id);
            if (inCoverage)
            {
                enrolled++;
                result.ExposureVariation.ShouldBe(ExpectedCell(id));
                result.Bucket.ShouldBe(point);
            }
            else
            {
                result.Reason.ShouldBe(EvaluationReason.Default);
                result.Value.AsBoolean().ShouldBeFalse();
            }
        }

        (enrolled / (double)ids.Length).ShouldBe(0.3, 0.02);
    }

    [Fact]
    public void A_launch_in_a_layer_enrolls_only_the_units_whose_layer_bucket_it_owns()
    {
        var evaluator = new Evaluator(Config(layer: InLayer("checkout", 0, 2500)), Env);
        foreach (string id in UnitIds.Generate(2_000))
        {
            bool owns = BucketHash.BucketV2("layer-salt", id) < 2500;
            EvaluationResult[] results = [.. s_features.Select(f => evaluator.Evaluate(f.Flag, Attributes.Of(("id", id))))];
            results.ShouldAllBe(r => r.InExperiment == owns);
        }
    }

    [Fact]
    public void A_held_out_unit_is_never_enrolled_and_gets_every_feature_off()
    {
        Configuration config = Config() with
        {
            Holdouts = [new Holdout("long-term", "hold", new BucketSpan(0, 1000), new HoldoutScope { Experiments = ["spring"] })],
        };
        var evaluator = new Evaluator(config, Env);
        int held = 0;
        foreach (string id in UnitIds.Generate(2_000))
        {
            if (BucketHash.BucketV2("hold", id) >= 1000)
            {
                continue;
            }

            held++;
            foreach (FactorialFeature feature in s_features)
            {
                EvaluationResult result = evaluator.Evaluate(feature.Flag, Attributes.Of(("id", id)));
                result.InExperiment.ShouldBeFalse();
                result.Value.AsBoolean().ShouldBeFalse();
            }
        }

        held.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void A_sticky_unit_keeps_its_cell_when_a_feature_is_reseeded()
    {
        var store = new InMemoryStickyAssignmentStore();
        var options = new EvaluatorOptions { StickyAssignments = store };
        var before = new Evaluator(Config(), Env, options);
        FactorialFeature[] reseeded = [s_features[0], new("f1", "other"), s_features[2]];
        Configuration after = Config() with { Experiments = [Launches.Launch("spring", reseeded)] };
        var afterWithStore = new Evaluator(after, Env, options);
        var afterWithout = new Evaluator(after, Env);
        int moved = 0;
        foreach (string id in UnitIds.Generate(500))
        {
            var unit = Attributes.Of(("id", id));
            string cell = before.Evaluate("f0", unit).ExposureVariation!;
            afterWithStore.Evaluate("f1", unit).ExposureVariation.ShouldBe(cell);
            afterWithStore.Evaluate("f1", unit).Value.AsBoolean().ShouldBe(cell[1] == '1');
            moved += afterWithout.Evaluate("f1", unit).ExposureVariation == cell ? 0 : 1;
        }

        moved.ShouldBeGreaterThan(100);
        store.Count.ShouldBe(500);
    }

    [Fact]
    public void Explain_names_each_features_seed_bucket_and_the_cell()
    {
        var evaluator = new Evaluator(Config(), Env);
        const string id = "user-42";
        EvaluationTrace trace = evaluator.Explain("f2", Attributes.Of(("id", id)));
        string cell = ExpectedCell(id);

        trace.Result.ExposureVariation.ShouldBe(cell);
        TraceStep[] features = [.. trace.Steps.Where(s => s.Kind == TraceStepKind.Experiment && s.Subject.StartsWith('f'))];
        features.Length.ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            double point = BucketHash.Hash(s_features[i].Seed, id, 2)!.Value;
            features[i].Point.ShouldBe(point);
            features[i].Passed.ShouldBe(cell[i] == '1');
            features[i].Detail.ShouldStartWith($"Feature {i + 1} of 3 ('f{i}'), seed 's{i}', bucket {point.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {(cell[i] == '1' ? "on" : "off")}");
        }

        trace.Steps.ShouldContain(s => s.Detail.StartsWith($"Cell {cell}: serve '{(cell[2] == '1' ? "on" : "off")}' of 'f2'", StringComparison.Ordinal));
    }
}
