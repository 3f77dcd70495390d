using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>Deterministic synthetic events, so runs are comparable.</summary>
internal static class SyntheticEvents
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static MetricEvent[] MetricEvents(int count)
    {
        var events = new MetricEvent[count];
        for (int i = 0; i < count; i++)
        {
            // A multiplicative hash spreads units and values without a random generator.
            uint h = (uint)i * 2654435761u;
            bool purchase = h % 5 == 0;
            events[i] = new MetricEvent(
                $"e-{i}", "production", $"u{h % 1_000_000}", purchase ? "purchase" : "session",
                purchase ? h % 10_000 / 100.0 : null, Start.AddSeconds(h % 1_209_600));
        }

        return events;
    }
}
