using System.Globalization;
using System.Text.Json;
using FailSmart.Client.Diagnostics;
using FailSmart.Protocol.Events;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Events;

/// <summary>
/// Pending batches on disk, one file per batch (written to a temporary name, then renamed), bounded in
/// bytes. Files left by an earlier run are sent first, so a restart while the server is down loses nothing.
/// </summary>
internal sealed class DiskPendingBatches : IPendingBatches
{
    private const string Extension = ".batch.json";

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly Queue<(string Path, long Bytes, int Events)> _files = new();
    private long _bytes;
    private long _count;
    private long _sequence;
    private IReadOnlyList<IngestEvent>? _peeked;

    public DiskPendingBatches(string directory, long maxBytes, ILogger logger)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _logger = logger;
        Directory.CreateDirectory(directory);
        foreach (string path in Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            long bytes = new FileInfo(path).Length;
            int events = EventsInName(path);
            _files.Enqueue((path, bytes, events));
            _bytes += bytes;
            _count += events;
        }

        foreach (string stray in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            TryDelete(stray);
        }
    }

    public long Count => Volatile.Read(ref _count);

    public bool IsEmpty => _files.Count == 0;

    public bool TryAdd(IReadOnlyList<IngestEvent> batch)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(batch.ToArray(), ClientJsonContext.Default.IngestEventArray);
        if (_bytes + bytes.Length > _maxBytes)
        {
            return false;
        }

        // Sortable names: time, then a sequence, then the number of events (read back without parsing).
        string name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow.Ticks:D19}-{_sequence++:D8}-{batch.Count}{Extension}");
        string path = Path.Combine(_directory, name);
        try
        {
            string temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ClientLog.BufferFileUnreadable(_logger, path, "could not be written: " + e.Message);
            return false;
        }

        _files.Enqueue((path, bytes.Length, batch.Count));
        _bytes += bytes.Length;
        Volatile.Write(ref _count, _count + batch.Count);
        return true;
    }

    public IReadOnlyList<IngestEvent>? Peek(out int lost)
    {
        lost = 0;
        while (_peeked is null && _files.TryPeek(out (string Path, long Bytes, int Events) file))
        {
            try
            {
                _peeked = JsonSerializer.Deserialize(File.ReadAllBytes(file.Path), ClientJsonContext.Default.IngestEventArray)
                    ?? throw new JsonException("The file holds null.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                ClientLog.BufferFileUnreadable(_logger, file.Path, e.Message);
                lost += file.Events;
                RemoveOldest();
            }
        }

        return _peeked;
    }

    public void RemoveOldest()
    {
        _peeked = null;
        if (_files.TryDequeue(out (string Path, long Bytes, int Events) file))
        {
            TryDelete(file.Path);
            _bytes -= file.Bytes;
            Volatile.Write(ref _count, _count - file.Events);
        }
    }

    private static int EventsInName(string path)
    {
        string name = Path.GetFileName(path)[..^Extension.Length];
        int dash = name.LastIndexOf('-');
        return dash >= 0 && int.TryParse(name[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int events) ? events : 0;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // It is retried as a duplicate later at worst; the server counts it once.
        }
    }
}
