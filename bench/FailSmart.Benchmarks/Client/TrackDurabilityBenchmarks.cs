using System.Net;
using BenchmarkDotNet.Attributes;
using FailSmart.Benchmarks.Core;
using FailSmart.Client;

namespace FailSmart.Benchmarks.Client;

/// <summary>
/// What one Track call costs with <see cref="EventDurability.Buffered"/> (the baseline) and with
/// <see cref="EventDurability.WriteAhead"/>, from one thread and from eight at once (which share flushes to
/// disk). The events go to a handler that answers every batch at once, so the queue never fills; the
/// write-ahead log is in a folder under the system's temporary path, on whatever disk holds it.
/// </summary>
[MemoryDiagnoser]
public class TrackDurabilityBenchmarks
{
    private const int Calls = 256;

    private string _folder = string.Empty;
    private IFailSmartClient _buffered = null!;
    private IFailSmartClient _writeAhead = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "failsmart-bench-" + Guid.NewGuid().ToString("N"));
        _buffered = Start(EventDurability.Buffered, Path.Combine(_folder, "buffered"));
        _writeAhead = Start(EventDurability.WriteAhead, Path.Combine(_folder, "write-ahead"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _buffered.Dispose();
        _writeAhead.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Track, Buffered")]
    public void Buffered() => Track(_buffered, 1);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Track, WriteAhead, 1 thread")]
    public void WriteAhead() => Track(_writeAhead, 1);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Track, WriteAhead, 8 threads (per call)")]
    public void WriteAheadEightThreads() => Track(_writeAhead, 8);

    private static void Track(IFailSmartClient client, int threads) =>
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < Calls / threads; i++)
            {
                client.Track("u-42", "purchase", i);
            }
        });

    private static IFailSmartClient Start(EventDurability durability, string folder) => new FailSmartClientBuilder()
        .WithServer(new Uri("http://failsmart.bench/"), "fs_server_benchmark")
        .WithHttpMessageHandler(new AcceptEverything())
        .WithLocalRuleSet(EvaluationSetup.Build(), "production") // no rule set downloads during the run
        .Configure(o =>
        {
            o.EventDurability = durability;
            o.EventBufferDirectory = folder;
            o.EvaluationInsights = false;
            o.MaxQueueSize = 1_000_000;
        })
        .Build();

    // Every batch is stored at once, as far as the client can tell.
    private sealed class AcceptEverything : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(request.RequestUri!.AbsolutePath == "/events/v1/batch" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable));
    }
}
