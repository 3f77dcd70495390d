using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;
using FailSmart.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Whatever sequence of batches arrives, and however the scope's time moves between refreshes, a
/// refresh from the kept per-unit rows gives the numbers of a full analysis of the same rows.
/// </summary>
public sealed class DuckDbIncrementalRefreshProperties
{
    private static readonly DateTimeOffset s_t0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly MetricDefinition[] s_metrics =
    [
        MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtPercentile(0.8), CovariateWindow = TimeSpan.FromDays(3) },
        MetricDefinition.Ratio("per-session", "purchase", "session") with { CovariateWindow = TimeSpan.FromDays(3) },
        MetricDefinition.Retention("day-1", "session", 1),
    ];

    /// <summary>
    /// Each step is a batch, then a refresh: its low four bits give how many exposures and events the
    /// batch holds, its high bits how many hours the scope's time moves on (0 to 15) before the refresh.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Refresh_after_any_sequence_of_batches_equals_a_full_analysis(PositiveInt seed, NonEmptyArray<byte> steps)
    {
        string? mismatch = FirstMismatch(seed.Get, [.. steps.Get.Take(6)]).GetAwaiter().GetResult();
        return (mismatch is null).Label(mismatch ?? "");
    }

    private static async Task<string?> FirstMismatch(int seed, byte[] steps)
    {
        using var folder = new TemporaryFolder();
        var random = new Random(seed);
        await using var store = new DuckDbEventStore(DataFolder.Prepare(folder.Path), TimeProvider.System);
        await store.InitializeAsync();
        DateTimeOffset asOf = s_t0.AddDays(1);
        int sequence = 0;
        for (int s = 0; s < steps.Length; s++)
        {
            byte step = steps[s];
            int exposures = 1 + (step & 0x3) * 3, events = 2 + ((step >> 2) & 0x3) * 8;
            await store.AppendAsync(Batch(random, asOf, exposures, events, ref sequence));
            asOf = asOf.AddHours(step >> 4);
            var scope = new ExperimentScope("production", "trial", 1, asOf);
            foreach (MetricDefinition metric in s_metrics)
            {
                MetricAnalysis incremental = await store.RefreshMetricAsync(scope, metric);
                MetricAnalysis full = await store.AnalyzeMetricAsync(scope, metric);
                if (Difference(incremental, full) is { } difference)
                {
                    return $"step {s}, metric {metric.Key}: {difference}";
                }
            }
        }

        return null;
    }

    // Units from a small pool, so batches keep returning to kept units; times around the scope's time,
    // some ahead of it; a few exposures to the other variation.
    private static EventBatch Batch(Random random, DateTimeOffset asOf, int exposures, int events, ref int sequence)
    {
        var x = new List<Exposure>();
        for (int i = 0; i < exposures; i++)
        {
            int unit = random.Next(25);
            int variation = random.Next(20) == 0 ? 1 - (unit & 1) : unit & 1;
            x.Add(new Exposure($"x{sequence++}", "production", $"u{unit}", "trial", 1, variation, At(random, asOf, -40, 5)));
        }

        var e = new List<MetricEvent>();
        for (int i = 0; i < events; i++)
        {
            bool purchase = random.Next(2) == 0;
            e.Add(new MetricEvent(
                $"e{sequence++}", "production", $"u{random.Next(30)}", purchase ? "purchase" : "session",
                purchase ? Math.Round(random.NextDouble() * 50, 2) : null, At(random, asOf, -100, 8)));
        }

        return new EventBatch(x, e);
    }

    private static DateTimeOffset At(Random random, DateTimeOffset asOf, int hoursFrom, int hoursTo) =>
        asOf.AddHours(random.Next(hoursFrom, hoursTo)).AddMinutes(random.Next(60));

    private static string? Difference(MetricAnalysis actual, MetricAnalysis expected)
    {
        if (actual.CapValue != expected.CapValue)
        {
            return $"cap {actual.CapValue} instead of {expected.CapValue}";
        }

        if (actual.Variations.Count != expected.Variations.Count)
        {
            return $"{actual.Variations.Count} variations instead of {expected.Variations.Count}";
        }

        for (int i = 0; i < expected.Variations.Count; i++)
        {
            VariationStatistics a = actual.Variations[i], e = expected.Variations[i];
            if (a.Variation != e.Variation || a.Units != e.Units || !Near(a.Sum, e.Sum) || !Near(a.SumOfSquares, e.SumOfSquares)
                || !Near(a.Denominator?.Sum ?? 0, e.Denominator?.Sum ?? 0) || !Near(a.Covariate?.Sum ?? 0, e.Covariate?.Sum ?? 0)
                || !Near(a.Covariate?.SumOfProducts ?? 0, e.Covariate?.SumOfProducts ?? 0))
            {
                return $"variation {e.Variation}: {a} instead of {e}";
            }
        }

        return null;
    }

    // Per-unit values are equal; their totals over units may be added in another order.
    private static bool Near(double a, double e) => Math.Abs(a - e) <= 1e-9 * Math.Max(1, Math.Abs(e));
}
