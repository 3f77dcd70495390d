namespace FailSmart.LoadTests;

/// <summary>
/// Follows an SSE byte stream without decoding it: counts events as their closing blank line arrives and
/// keeps the last event id. A data line (a whole rule set, perhaps) is skipped with a vectorised search for
/// its end. Keeps its place across reads, so a line split between two reads still counts once.
/// </summary>
internal sealed class SseEventScanner
{
    private static readonly byte[] s_event = "event: "u8.ToArray();
    private static readonly byte[] s_id = "id: "u8.ToArray();
    private int _column;
    private bool _maybeEvent = true;
    private bool _maybeId = true;
    private bool _skipping;
    private bool _inId;
    private bool _eventOpen;
    private long _id;

    /// <summary>Events completed so far.</summary>
    public long Events { get; private set; }

    /// <summary>The id of the last event that had one.</summary>
    public long LastId { get; private set; }

    /// <summary>Bytes read so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Takes the next bytes; returns how many events they completed.</summary>
    public int Scan(ReadOnlySpan<byte> bytes)
    {
        Bytes += bytes.Length;
        int completed = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            if (_skipping)
            {
                int newline = bytes[i..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return completed;
                }

                i += newline;
            }

            byte b = bytes[i++];
            if (b == (byte)'\n')
            {
                if (_column == 0 && !_skipping && _eventOpen)
                {
                    _eventOpen = false;
                    completed++;
                    Events++;
                }

                if (_inId)
                {
                    LastId = _id;
                }

                _column = 0;
                _maybeEvent = _maybeId = true;
                _skipping = _inId = false;
                continue;
            }

            if (_inId)
            {
                _id = (_id * 10) + (b - (byte)'0');
                continue;
            }

            _maybeEvent &= _column < s_event.Length && s_event[_column] == b;
            _maybeId &= _column < s_id.Length && s_id[_column] == b;
            _column++;
            if (_maybeEvent && _column == s_event.Length)
            {
                _eventOpen = true;
                _skipping = true;
            }
            else if (_maybeId && _column == s_id.Length)
            {
                _inId = true;
                _id = 0;
            }
            else if (!_maybeEvent && !_maybeId)
            {
                _skipping = true;
            }
        }

        return completed;
    }
}
