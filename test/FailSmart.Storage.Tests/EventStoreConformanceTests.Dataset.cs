using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>
/// A small experiment whose every statistic can be worked out by hand. Each unit's events are listed
/// beside it; the tests state their expected sums from this table.
/// </summary>
/// <remarks>
/// checkout, phase 1, production. Exposure at T0 + offset. "purchase" values after exposure:
/// <code>
/// unit var country first     purchases (after)      pre-exposure purchase  sessions (after)   sessions (before)  page_load values
/// a1   0   NZ      T0        10 @+1h, 30 @+2d       4 @-2d                 +30m, +25h         -1d                1, 2, 3, 4
/// a2   0   NZ      T0+1h     —                      7 @-1d                 +30m               —                  5, 6, 7
/// a3   0   US      T0+2h     5 @+1h                 6 @-10d                —                  —                  8, 9, 10
/// b1   1   NZ      T0        20 @+1h, 20 @+3h       —                      +26h               —                  10, 20, 30
/// b2   1   US      T0+1h     100 @+1h               3 @-1d                 +30m, +47h         -2d, -1h           40
/// b3   1   US      T0+2h     (1000 after AsOf)      —                      +30m, +25h, +50h   —                  50
/// b4   1   —       T0+3h     8 @+10d                —                      +30m               —                  (no value)
/// m1   0 and 1     T0+4h     50 @+1h                                                                              (excluded)
/// </code>
/// a1 is exposed again at T0+5d with country AU: breakdowns keep the first exposure's NZ.
/// Other experiments: no-ads/1 overlaps (a1→0, a2→1, b1→0, b2→0, b3→1, z9→1, b4→0 and 1);
/// search/1 overlaps with no shared unit; old-banner/2 enrolled a1 and b1 50–60 days before checkout began.
/// </remarks>
public abstract partial class EventStoreConformanceTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    protected static readonly ExperimentScope Checkout = new("production", "checkout", 1, T0.AddDays(30));

    private static int s_sequence;

    protected static Exposure Expose(string unit, int variation, TimeSpan at, string? country = null, string experiment = "checkout", int phase = 1, string environment = "production") =>
        new($"x-{Interlocked.Increment(ref s_sequence)}", environment, unit, experiment, phase, variation, T0 + at,
            country is null ? null : new Dictionary<string, string> { ["country"] = country, ["platform"] = "ios" });

    protected static MetricEvent Event(string unit, string name, double? value, TimeSpan at) =>
        new($"e-{Interlocked.Increment(ref s_sequence)}", "production", unit, name, value, T0 + at);

    protected static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    protected static TimeSpan D(double days) => TimeSpan.FromDays(days);

    protected static EventBatch Dataset()
    {
        Exposure[] exposures =
        [
            Expose("a1", 0, H(0), "NZ"), Expose("a2", 0, H(1), "NZ"), Expose("a3", 0, H(2), "US"),
            Expose("b1", 1, H(0), "NZ"), Expose("b2", 1, H(1), "US"), Expose("b3", 1, H(2), "US"), Expose("b4", 1, H(3)),
            Expose("a1", 0, D(5), "AU"),
            Expose("m1", 0, H(4), "NZ"), Expose("m1", 1, H(5), "NZ"),
            Expose("s1", 0, H(1), "NZ", environment: "staging"),
            Expose("late", 0, D(30) + H(1), "NZ"),
            Expose("a1", 0, -D(1), experiment: "no-ads"), Expose("a2", 1, H(1), experiment: "no-ads"),
            Expose("b1", 0, D(2), experiment: "no-ads"), Expose("b2", 0, D(3), experiment: "no-ads"),
            Expose("b3", 1, D(4), experiment: "no-ads"), Expose("z9", 1, D(5), experiment: "no-ads"),
            Expose("b4", 0, D(1), experiment: "no-ads"), Expose("b4", 1, D(2), experiment: "no-ads"),
            Expose("y1", 0, D(1), experiment: "search"), Expose("y2", 1, D(1), experiment: "search"),
            Expose("a1", 1, -D(60), experiment: "old-banner", phase: 2), Expose("b1", 0, -D(50), experiment: "old-banner", phase: 2),
        ];
        MetricEvent[] events =
        [
            Event("a1", "purchase", 10, H(1)), Event("a1", "purchase", 30, D(2)), Event("a1", "purchase", 4, -D(2)),
            Event("a2", "purchase", 7, H(1) - D(1)),
            Event("a3", "purchase", 5, H(3)), Event("a3", "purchase", 6, H(2) - D(10)),
            Event("b1", "purchase", 20, H(1)), Event("b1", "purchase", 20, H(3)),
            Event("b2", "purchase", 100, H(2)), Event("b2", "purchase", 3, H(1) - D(1)),
            Event("b3", "purchase", 1000, D(31)),
            Event("b4", "purchase", 8, H(3) + D(10)),
            Event("m1", "purchase", 50, H(5)),
            Event("a1", "session", null, H(0.5)), Event("a1", "session", null, H(25)),
            Event("a2", "session", null, H(1.5)),
            Event("b1", "session", null, H(26)),
            Event("b2", "session", null, H(1.5)), Event("b2", "session", null, H(48)),
            Event("b3", "session", null, H(2.5)), Event("b3", "session", null, H(27)), Event("b3", "session", null, H(52)),
            Event("b4", "session", null, H(3.5)),
            Event("a1", "page_load", 1, H(1)), Event("a1", "page_load", 2, H(1)), Event("a1", "page_load", 3, H(1)), Event("a1", "page_load", 4, H(1)),
            Event("a2", "page_load", 5, H(2)), Event("a2", "page_load", 6, H(2)), Event("a2", "page_load", 7, H(2)),
            Event("a3", "page_load", 8, H(3)), Event("a3", "page_load", 9, H(3)), Event("a3", "page_load", 10, H(3)),
            Event("b1", "page_load", 10, H(1)), Event("b1", "page_load", 20, H(1)), Event("b1", "page_load", 30, H(1)),
            Event("b2", "page_load", 40, H(2)), Event("b3", "page_load", 50, H(3)), Event("b4", "page_load", null, H(4)),
            Event("a1", "session", null, -D(1)), Event("b2", "session", null, H(1) - D(2)), Event("b2", "session", null, H(0)),
        ];
        return new EventBatch(exposures, events);
    }

    protected async Task<IEventStore> SeededStoreAsync()
    {
        IEventStore store = await OpenStoreAsync();
        await store.AppendAsync(Dataset(), TestContext.Current.CancellationToken);
        return store;
    }

    protected static void ShouldHave(VariationStatistics actual, int variation, long units, double sum, double sumOfSquares)
    {
        actual.Variation.ShouldBe(variation);
        actual.Units.ShouldBe(units);
        actual.Sum.ShouldBe(sum, 1e-9);
        actual.SumOfSquares.ShouldBe(sumOfSquares, 1e-9);
    }
}
