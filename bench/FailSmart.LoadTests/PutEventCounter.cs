namespace FailSmart.LoadTests;

/// <summary>
/// Counts SSE "put" events in a byte stream without decoding it: a line that starts with
/// <c>event: put</c>. Keeps its place across reads, so a line split between two reads still counts once.
/// </summary>
internal sealed class PutEventCounter
{
    private static readonly byte[] s_marker = "event: put"u8.ToArray();
    private int _matched;
    private bool _atLineStart = true;

    /// <summary>True once the initial full load (the first put) has been seen.</summary>
    public bool SeenFirst { get; set; }

    public int Count(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            if (!_atLineStart)
            {
                // Skip the rest of the line (a data line is the whole rule set) with a vectorised search.
                int newline = bytes[i..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return count;
                }

                i += newline + 1;
                _atLineStart = true;
                _matched = 0;
                continue;
            }

            byte b = bytes[i++];
            if (b == (byte)'\n')
            {
                _matched = 0;
            }
            else if (_matched < s_marker.Length && b == s_marker[_matched])
            {
                if (++_matched == s_marker.Length)
                {
                    count++;
                    _atLineStart = false;
                }
            }
            else
            {
                _atLineStart = false;
            }
        }

        return count;
    }
}
