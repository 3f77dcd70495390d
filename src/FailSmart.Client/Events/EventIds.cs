namespace FailSmart.Client.Events;

/// <summary>The rules the server's ingest API applies to an event id, checked before the event is queued.</summary>
internal static class EventIds
{
    /// <summary>The server's default Ingest:MaxFieldLength.</summary>
    public const int MaxLength = 512;

    /// <summary>Why the server would refuse <paramref name="id"/>, or null when it is a good id.</summary>
    public static string? Problem(string id)
    {
        if (id.Length == 0)
        {
            return "the event id is empty: pass a non-empty id, or none for a generated one";
        }

        if (id.Length > MaxLength)
        {
            return $"the event id is {id.Length} characters long: an id is at most {MaxLength}";
        }

        for (int i = 0; i < id.Length; i++)
        {
            if (char.IsHighSurrogate(id[i]) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(id[i]))
            {
                return $"the event id holds a lone UTF-16 surrogate at position {i}: an id must be valid Unicode";
            }
        }

        return null;
    }
}
