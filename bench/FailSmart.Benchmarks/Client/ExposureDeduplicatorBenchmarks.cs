using BenchmarkDotNet.Attributes;
using FailSmart.Benchmarks.Core;
using FailSmart.Client.Events;

namespace FailSmart.Benchmarks.Client;

/// <summary>
/// The exact exposure set against the fingerprint array it replaced (the baseline), in the same run: a repeat
/// exposure (the hot path: a unit evaluated again), and a new exposure at capacity (every call evicts the least
/// recently seen). 1,024 UUID units, one experiment.
/// </summary>
[MemoryDiagnoser]
public class ExposureDeduplicatorBenchmarks
{
    private const int Units = 1024;
    private const string Experiment = "checkout-button";

    private string[] _units = [];
    private string[] _many = [];
    private FingerprintExposureDeduplicator _fingerprints = null!;
    private ExposureDeduplicator _exact = null!;
    private ExposureDeduplicator _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _units = BenchmarkIds.Generate(Units);
        _many = BenchmarkIds.Generate(Units * 4);
        _fingerprints = new FingerprintExposureDeduplicator(65_536);
        _exact = new ExposureDeduplicator(65_536);
        _full = new ExposureDeduplicator(Units);
        foreach (string unit in _units)
        {
            _fingerprints.TryAdd(unit, Experiment, 1);
            _exact.TryAdd(unit, Experiment, 1);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Units, Description = "Repeat exposure, fingerprint array (before)")]
    public int RepeatFingerprints()
    {
        int sent = 0;
        foreach (string unit in _units)
        {
            sent += _fingerprints.TryAdd(unit, Experiment, 1) ? 1 : 0;
        }

        return sent;
    }

    [Benchmark(OperationsPerInvoke = Units, Description = "Repeat exposure, exact set")]
    public int RepeatExact()
    {
        int sent = 0;
        foreach (string unit in _units)
        {
            sent += _exact.TryAdd(unit, Experiment, 1) ? 1 : 0;
        }

        return sent;
    }

    [Benchmark(OperationsPerInvoke = Units * 4, Description = "New exposure at capacity, exact set (evicts)")]
    public int NewAtCapacityExact()
    {
        int sent = 0;
        foreach (string unit in _many)
        {
            sent += _full.TryAdd(unit, Experiment, 1) ? 1 : 0;
        }

        return sent;
    }
}
