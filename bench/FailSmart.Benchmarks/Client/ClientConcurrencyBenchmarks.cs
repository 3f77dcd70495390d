using BenchmarkDotNet.Attributes;
using FailSmart.Benchmarks.Core;
using FailSmart.Client;
using FailSmart.Core.Values;

namespace FailSmart.Benchmarks.Client;

/// <summary>
/// The same total number of GetBool calls spread over 1, 2 or 8 threads. With no lock on the hot path
/// the time per call falls with the cores available (and stays flat beyond them).
/// </summary>
[MemoryDiagnoser]
public class ClientConcurrencyBenchmarks
{
    private const int Units = 1024;
    private const int Rounds = 64;
    private const int Total = Units * Rounds;

    private Attributes[] _attributes = [];
    private IFailSmartClient _client = null!;

    [Params(1, 2, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _attributes = EvaluationSetup.AttributesFor(BenchmarkIds.Generate(Units));
        _client = new FailSmartClientBuilder().WithLocalRuleSet(EvaluationSetup.Build(), "production").Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(OperationsPerInvoke = Total, Description = "GetBool, total work split over threads")]
    public int Parallel()
    {
        int on = 0;
        System.Threading.Tasks.Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            int mine = 0;
            for (int round = 0; round < Rounds / Threads; round++)
            {
                foreach (Attributes attributes in _attributes)
                {
                    mine += _client.GetBool(EvaluationSetup.RolloutFlag, false, attributes) ? 1 : 0;
                }
            }

            Interlocked.Add(ref on, mine);
        });
        return on;
    }
}
