using System.Collections.Concurrent;

namespace FailSmart.Server.Events;

/// <summary>
/// Evaluations made on the server (OFREP), counted in memory per environment, flag, variation and source and
/// taken by <see cref="UsageWriter"/> about once a minute. A cell is drained with an atomic exchange, never
/// replaced, so a count that races a drain lands in this report or the next, never in neither.
/// </summary>
internal sealed class UsageCounter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Environment, string Flag, string Variation, string Source), Cell> _cells = new();

    public void Count(string environment, string flag, string variation, string source)
    {
        Cell cell = _cells.GetOrAdd((environment, flag, variation, source), static _ => new Cell());
        Interlocked.Increment(ref cell.Count);
        Volatile.Write(ref cell.LastTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Everything counted since the last drain, grouped by environment and source.</summary>
    public IReadOnlyList<(string Environment, string Source, IReadOnlyList<(string Flag, string Variation, long Count, DateTimeOffset LastEvaluated)> Counts)> Drain()
    {
        var taken = new List<(string Environment, string Source, string Flag, string Variation, long Count, DateTimeOffset LastEvaluated)>();
        foreach (((string environment, string flag, string variation, string source), Cell cell) in _cells)
        {
            long count = Interlocked.Exchange(ref cell.Count, 0);
            if (count > 0)
            {
                taken.Add((environment, source, flag, variation, count, new DateTimeOffset(Volatile.Read(ref cell.LastTicks), TimeSpan.Zero)));
            }
        }

        return
        [
            .. taken.GroupBy(t => (t.Environment, t.Source)).Select(g =>
                (g.Key.Environment, g.Key.Source, (IReadOnlyList<(string, string, long, DateTimeOffset)>)[.. g.Select(t => (t.Flag, t.Variation, t.Count, t.LastEvaluated))])),
        ];
    }

    /// <summary>Gives back counts that could not be written, so the next report carries them.</summary>
    public void Restore(string environment, string source, string flag, string variation, long count, DateTimeOffset lastEvaluated)
    {
        Cell cell = _cells.GetOrAdd((environment, flag, variation, source), static _ => new Cell());
        Interlocked.Add(ref cell.Count, count);
        long ticks = lastEvaluated.UtcTicks;
        long seen;
        while ((seen = Volatile.Read(ref cell.LastTicks)) < ticks && Interlocked.CompareExchange(ref cell.LastTicks, ticks, seen) != seen)
        {
        }
    }

    private sealed class Cell
    {
        public long Count;
        public long LastTicks;
    }
}
