namespace FailSmart.Server.Tests;

/// <summary>Reads Server-Sent Events line by line, with a timeout so a missing event fails the test instead of hanging it.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public sealed record Event(string? Type, string? Id, string Data);

    public async Task<string> NextLineAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        return await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
    }

    /// <summary>The next event, skipping comments such as heartbeats.</summary>
    public async Task<Event> NextEventAsync(TimeSpan? timeout = null)
    {
        string? type = null, id = null, data = null;
        while (true)
        {
            string line = await NextLineAsync(timeout);
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new Event(type, id, data);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string field = line[..colon];
            string value = line[(colon + 1)..].TrimStart();
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
