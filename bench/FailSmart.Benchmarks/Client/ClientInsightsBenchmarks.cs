using BenchmarkDotNet.Attributes;
using FailSmart.Benchmarks.Core;
using FailSmart.Client;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;

namespace FailSmart.Benchmarks.Client;

/// <summary>
/// What evaluation insights add to GetBool: two clients configured for a server (insights need one), one with
/// <see cref="FailSmartClientOptions.EvaluationInsights"/> on and one with it off, evaluating the same flag as
/// <see cref="ClientEvaluationBenchmarks"/> from a rule set given in code. The server address is never called
/// during a run (the first flush is an hour away), so only the counting on the hot path is measured.
/// </summary>
[MemoryDiagnoser]
public class ClientInsightsBenchmarks
{
    private const int Units = 1024;

    private Attributes[] _attributes = [];
    private Evaluator _evaluator = null!;
    private IFailSmartClient _insightsOff = null!;
    private IFailSmartClient _insightsOn = null!;

    [GlobalSetup]
    public void Setup()
    {
        _attributes = EvaluationSetup.AttributesFor(BenchmarkIds.Generate(Units));
        _evaluator = new Evaluator(EvaluationSetup.Build(), "production");
        _insightsOff = Start(insights: false);
        _insightsOn = Start(insights: true);
    }

    // A server address (insights need one) and a rule set given in code, which the client uses without calling the server.
    private static IFailSmartClient Start(bool insights) => new FailSmartClientBuilder()
        .WithServer(new Uri("http://127.0.0.1:9/"), "fs_server_benchmark_unused")
        .WithLocalRuleSet(EvaluationSetup.Build(), "production")
        .Configure(o =>
        {
            o.SendEvents = false;
            o.EvaluationInsights = insights;
            o.EvaluationInsightsInterval = TimeSpan.FromHours(1);
            o.ShutdownFlushTimeout = TimeSpan.FromMilliseconds(1);
        })
        .Build();

    [GlobalCleanup]
    public void Cleanup()
    {
        _insightsOff.Dispose();
        _insightsOn.Dispose();
    }

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

    [Benchmark(OperationsPerInvoke = Units, Description = "Client GetBool, insights off")]
    public int InsightsOff() => Run(_insightsOff);

    [Benchmark(OperationsPerInvoke = Units, Description = "Client GetBool, insights on")]
    public int InsightsOn() => Run(_insightsOn);

    private int Run(IFailSmartClient client)
    {
        int on = 0;
        foreach (Attributes attributes in _attributes)
        {
            on += client.GetBool(EvaluationSetup.RolloutFlag, false, attributes) ? 1 : 0;
        }

        return on;
    }
}
