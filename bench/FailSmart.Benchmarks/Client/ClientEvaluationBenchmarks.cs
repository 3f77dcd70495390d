using BenchmarkDotNet.Attributes;
using FailSmart.Benchmarks.Core;
using FailSmart.Client;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Benchmarks.Client;

/// <summary>
/// The client's GetBool on a boolean flag with a condition and a 50% rollout, against Core's Evaluate
/// on the same flag (baseline: the client's overhead) and Microsoft.FeatureManagement's targeting
/// filter at 50% (the peer). Each operation is one unit.
/// </summary>
[MemoryDiagnoser]
public class ClientEvaluationBenchmarks
{
    private const int Units = 1024;

    private Attributes[] _attributes = [];
    private TargetingContext[] _targeting = [];
    private Evaluator _evaluator = null!;
    private IFailSmartClient _client = null!;
    private IVariantFeatureManager _featureManager = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] ids = BenchmarkIds.Generate(Units);
        _attributes = EvaluationSetup.AttributesFor(ids);
        _targeting = [.. ids.Select(id => new TargetingContext { UserId = id, Groups = [] })];
        _evaluator = new Evaluator(EvaluationSetup.Build(), "production");
        _client = new FailSmartClientBuilder().WithLocalRuleSet(EvaluationSetup.Build(), "production").Build();
        _featureManager = MicrosoftFeatureManagement.Create();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Units, Description = "Core Evaluator.Evaluate")]
    public int CoreEvaluate()
    {
        int on = 0;
        foreach (Attributes attributes in _attributes)
        {
            on += _evaluator.Evaluate(EvaluationSetup.RolloutFlag, attributes).Value.AsBoolean() ? 1 : 0;
        }

        return on;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "Client GetBool")]
    public int ClientGetBool()
    {
        int on = 0;
        foreach (Attributes attributes in _attributes)
        {
            on += _client.GetBool(EvaluationSetup.RolloutFlag, false, attributes) ? 1 : 0;
        }

        return on;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "Microsoft.FeatureManagement IsEnabledAsync")]
    public int FeatureManagement()
    {
        int on = 0;
        foreach (TargetingContext targeting in _targeting)
        {
            on += _featureManager.IsEnabledAsync(MicrosoftFeatureManagement.TargetingFeature, targeting).AsTask().GetAwaiter().GetResult() ? 1 : 0;
        }

        return on;
    }
}
