using BenchmarkDotNet.Attributes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Benchmarks.Core;

/// <summary>
/// FailSmart evaluation against the bare v2 hash of the same ids (baseline) and against
/// Microsoft.FeatureManagement's targeting filter and variant allocation. Each operation is one
/// unit; the ids are 36-character UUIDs.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private const int Units = 1024;

    private string[] _ids = [];
    private Attributes[] _attributes = [];
    private TargetingContext[] _targeting = [];
    private Evaluator _evaluator = null!;
    private Evaluator _everythingHeldOut = null!;
    private IVariantFeatureManager _featureManager = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ids = BenchmarkIds.Generate(Units);
        _attributes = EvaluationSetup.AttributesFor(_ids);
        _targeting = [.. _ids.Select(id => new TargetingContext { UserId = id, Groups = [] })];
        _evaluator = new Evaluator(EvaluationSetup.Build(), "production");
        _everythingHeldOut = new Evaluator(EvaluationSetup.Build(HoldoutScope.Everything), "production");
        _featureManager = MicrosoftFeatureManagement.Create();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Units, Description = "Bare v2 hash")]
    public int BareHash()
    {
        int sum = 0;
        foreach (string id in _ids)
        {
            sum += BucketHash.BucketV2(EvaluationSetup.RolloutFlag, id);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "Straightforward v2 hash (concat + ToString)")]
    public int StraightforwardHash()
    {
        int sum = 0;
        foreach (string id in _ids)
        {
            // What a direct port of GrowthBook's JavaScript does: two strings per call.
            uint first = Fnv(EvaluationSetup.RolloutFlag + id);
            sum += (int)(Fnv(first.ToString(System.Globalization.CultureInfo.InvariantCulture)) % 10_000);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "(a) flag: 1 condition + 50% rollout")]
    public int RolloutFlag() => EvaluateAll(_evaluator, EvaluationSetup.RolloutFlag);

    [Benchmark(OperationsPerInvoke = Units, Description = "(a) under a holdout of everything")]
    public int RolloutFlagUnderHoldout() => EvaluateAll(_everythingHeldOut, EvaluationSetup.RolloutFlag);

    [Benchmark(OperationsPerInvoke = Units, Description = "(b) experiment: 3 variations, layer, holdout")]
    public int LayeredExperiment() => EvaluateAll(_evaluator, EvaluationSetup.ExperimentFlag);

    private int EvaluateAll(Evaluator evaluator, string flag)
    {
        int sum = 0;
        foreach (Attributes attributes in _attributes)
        {
            sum += evaluator.Evaluate(flag, attributes).VariationIndex;
        }

        return sum;
    }

    private static uint Fnv(string text)
    {
        uint hash = 0x811C9DC5;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x01000193;
        }

        return hash;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "MS.FM TargetingFilter 50%")]
    public async Task<int> MicrosoftTargeting()
    {
        int on = 0;
        foreach (TargetingContext context in _targeting)
        {
            on += await _featureManager.IsEnabledAsync(MicrosoftFeatureManagement.TargetingFeature, context) ? 1 : 0;
        }

        return on;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "MS.FM variant allocation (3)")]
    public async Task<int> MicrosoftVariant()
    {
        int sum = 0;
        foreach (TargetingContext context in _targeting)
        {
            Variant variant = await _featureManager.GetVariantAsync(MicrosoftFeatureManagement.VariantFeature, context);
            sum += variant.Name.Length;
        }

        return sum;
    }
}
