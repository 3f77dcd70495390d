namespace FailSmart.Server.Sync;

/// <summary>
/// If-None-Match as RFC 9110 (13.1.2) defines it: a list of entity tags compared weakly, so W/"x"
/// matches "x". Proxies that compress answers make strong ETags weak, and a client that sends one back
/// must still get its 304.
/// </summary>
internal static class IfNoneMatch
{
    /// <summary>True when the request's If-None-Match names <paramref name="etag"/> (or is "*").</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        ReadOnlySpan<char> ours = OpaqueTag(etag);
        foreach (string? header in request.Headers.IfNoneMatch)
        {
            ReadOnlySpan<char> rest = header;
            while (true)
            {
                rest = rest.TrimStart(" \t,");
                if (rest.IsEmpty)
                {
                    break;
                }

                if (rest[0] == '*')
                {
                    return true;
                }

                if (rest.StartsWith("W/", StringComparison.Ordinal))
                {
                    rest = rest[2..];
                }

                // An entity tag is a quoted string without inner quotes; anything else ends the list unmatched.
                int close = rest.Length > 1 && rest[0] == '"' ? rest[1..].IndexOf('"') : -1;
                if (close < 0)
                {
                    return false;
                }

                if (rest.Slice(1, close).SequenceEqual(ours))
                {
                    return true;
                }

                rest = rest[(close + 2)..];
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> OpaqueTag(string etag)
    {
        ReadOnlySpan<char> tag = etag.AsSpan();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        return tag.Trim('"');
    }
}
