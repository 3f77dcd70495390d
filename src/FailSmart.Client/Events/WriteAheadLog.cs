using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using FailSmart.Client.Diagnostics;
using FailSmart.Protocol.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace FailSmart.Client.Events;

/// <summary>
/// <see cref="EventDurability.WriteAhead"/>: every event is appended (one JSON line, its id already set) to an
/// append-only segment file and queued in the same step, so the log's order is the queue's; the caller then
/// waits until a flush to disk covers its line. Concurrent callers share a flush (group commit): whoever
/// flushes takes every line appended so far with it. The delivery loop reports events done (delivered,
/// refused, dropped or moved to the pending buffer) in queue order, and a full segment whose events are all
/// done is deleted. Segments found at start were left by a crash: <see cref="Recover"/> reads them back.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const string Extension = ".wal";
    private const long SegmentBytes = 1 << 20;

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();      // appends, the segment list, done counts
    private readonly Lock _flushGate = new(); // one flush to disk at a time
    private readonly Queue<Segment> _segments = new(); // oldest first; the last one is appended to
    private readonly List<string> _leftOver;
    private long _sequence;
    private long _appended;
    private long _durable;
    private bool _writeFailureLogged;

    public WriteAheadLog(string directory, ILogger logger)
    {
        _directory = directory;
        _logger = logger;
        Directory.CreateDirectory(directory);
        _leftOver = [.. Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal)];
        _segments.Enqueue(Open());
    }

    /// <summary>
    /// Reads the segments an earlier run left (a crash, or events still queued at shutdown), in order, as
    /// batches of at most <paramref name="batchSize"/>; a torn last line (the process died while writing it,
    /// so its Track never returned) is skipped. Each file is deleted after <paramref name="keep"/> took its batches.
    /// </summary>
    public long Recover(int batchSize, Action<IReadOnlyList<IngestEvent>> keep)
    {
        long recovered = 0;
        foreach (string path in _leftOver)
        {
            var batch = new List<IngestEvent>(batchSize);
            try
            {
                foreach (string line in File.ReadLines(path))
                {
                    if (Read(line) is not { } item)
                    {
                        continue;
                    }

                    batch.Add(item);
                    recovered++;
                    if (batch.Count == batchSize)
                    {
                        keep(batch);
                        batch = new List<IngestEvent>(batchSize);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ClientLog.BufferFileUnreadable(_logger, path, e.Message);
            }

            if (batch.Count > 0)
            {
                keep(batch);
            }

            TryDelete(path);
        }

        _leftOver.Clear();
        if (recovered > 0)
        {
            ClientLog.LogRecovered(_logger, recovered);
        }

        return recovered;
    }

    /// <summary>
    /// Queues the event and appends it to the log, in one step. False when the queue is full (nothing is
    /// written). <paramref name="position"/> is what <see cref="WaitUntilDurable"/> waits for; 0 when the write failed.
    /// </summary>
    public bool Append(IngestEvent item, ChannelWriter<IngestEvent> queue, out long position)
    {
        byte[] line = Line(item);
        position = 0;
        lock (_gate)
        {
            if (!queue.TryWrite(item))
            {
                return false;
            }

            Segment current = _segments.Last();
            current.Queued++;
            try
            {
                RandomAccess.Write(current.Handle, line, current.Bytes);
                current.Bytes += line.Length;
                position = ++_appended;
                _writeFailureLogged = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!_writeFailureLogged)
                {
                    ClientLog.LogWriteFailed(_logger, current.Path, e.Message);
                    _writeFailureLogged = true;
                }
            }

            return true;
        }
    }

    /// <summary>Returns once every line up to <paramref name="position"/> is on disk.</summary>
    public void WaitUntilDurable(long position)
    {
        if (position == 0 || Volatile.Read(ref _durable) >= position)
        {
            return;
        }

        lock (_flushGate)
        {
            if (Volatile.Read(ref _durable) >= position)
            {
                return; // a flush that started after this line was appended covered it
            }

            Segment segment;
            long covered;
            lock (_gate)
            {
                segment = _segments.Last();
                covered = _appended;
                if (segment.Bytes >= SegmentBytes)
                {
                    // Full: later lines go to a new segment; this one is flushed below and then closed.
                    segment.Sealed = true;
                    _segments.Enqueue(Open());
                }
            }

            try
            {
                RandomAccess.FlushToDisk(segment.Handle);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                ClientLog.LogWriteFailed(_logger, segment.Path, e.Message);
            }

            Volatile.Write(ref _durable, covered);
            if (segment.Sealed)
            {
                lock (_gate)
                {
                    segment.Handle.Dispose();
                    DeleteFinished();
                }
            }
        }
    }

    /// <summary>The delivery loop is done with the next <paramref name="count"/> events it took from the queue.</summary>
    public void Done(int count)
    {
        lock (_gate)
        {
            foreach (Segment segment in _segments)
            {
                int take = (int)Math.Min(count, segment.Queued - segment.Done);
                segment.Done += take;
                count -= take;
                if (count == 0)
                {
                    break;
                }
            }

            DeleteFinished();
        }
    }

    public void Dispose()
    {
        lock (_flushGate)
        {
            lock (_gate)
            {
                foreach (Segment segment in _segments)
                {
                    segment.Handle.Dispose();
                    if (segment.Done == segment.Queued)
                    {
                        TryDelete(segment.Path); // nothing in it is owed; a segment with events left is sent at the next start
                    }
                }
            }
        }
    }

    // Deletes the oldest segments while they are full, flushed, closed and all done. Called under _gate.
    private void DeleteFinished()
    {
        while (_segments.Count > 1 && _segments.Peek() is { Sealed: true } oldest && oldest.Handle.IsClosed && oldest.Done == oldest.Queued)
        {
            _segments.Dequeue();
            TryDelete(oldest.Path);
        }
    }

    private Segment Open()
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow.Ticks:D19}-{_sequence++:D8}{Extension}");
        string path = Path.Combine(_directory, name);
        SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        return new Segment(path, handle);
    }

    private static byte[] Line(IngestEvent item)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(item, ClientJsonContext.Default.IngestEvent);
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    private static IngestEvent? Read(string line)
    {
        try
        {
            return line.Length == 0 ? null : JsonSerializer.Deserialize(line, ClientJsonContext.Default.IngestEvent) is { Id.Length: > 0 } item ? item : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Sent again at the next start at worst; the server stores it once.
        }
    }

    private sealed class Segment(string path, SafeFileHandle handle)
    {
        public string Path { get; } = path;

        public SafeFileHandle Handle { get; } = handle;

        public long Bytes { get; set; }

        public long Queued { get; set; }

        public long Done { get; set; }

        public bool Sealed { get; set; }
    }
}
