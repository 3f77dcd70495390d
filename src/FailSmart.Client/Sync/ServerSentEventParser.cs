namespace FailSmart.Client.Sync;

/// <summary>Assembles Server-Sent Events from lines (the text/event-stream format). Comments are skipped.</summary>
internal sealed class ServerSentEventParser
{
    private string? _type;
    private string? _id;
    private string? _data;

    public sealed record Message(string? Type, string? Id, string Data);

    /// <summary>Takes one line; returns a message when a blank line completes one.</summary>
    public Message? Feed(string line)
    {
        if (line.Length == 0)
        {
            Message? message = _data is null ? null : new Message(_type ?? "message", _id, _data);
            _type = null;
            _data = null;
            return message;
        }

        if (line[0] == ':')
        {
            return null;
        }

        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string field = colon < 0 ? line : line[..colon];
        string value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "event":
                _type = value;
                break;
            case "id":
                _id = value;
                break;
            case "data":
                _data = _data is null ? value : _data + "\n" + value;
                break;
            default:
                break;
        }

        return null;
    }
}
