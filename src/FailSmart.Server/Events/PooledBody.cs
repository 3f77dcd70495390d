using System.Buffers;

namespace FailSmart.Server.Events;

/// <summary>
/// A request body read whole into pooled memory. Copying a batch into a MemoryStream allocated a chain of
/// growing arrays per request, the last ones on the large-object heap (a batch of 1,000 events is about
/// 170 KB), which only a full collection frees; the pool reuses its arrays.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    // The first array never trusts a declared length beyond this; a larger body grows into it.
    private const int MaxInitialBytes = 1024 * 1024;

    private byte[] _buffer;

    private PooledBody(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    /// <summary>The body's bytes; valid until disposed.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Reads the body to its end. Kestrel's size limit still applies (a 413 when it is passed).</summary>
    public static async Task<PooledBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        int initial = request.ContentLength is long declared && declared > 0 ? (int)Math.Min(declared + 1, MaxInitialBytes) : 16 * 1024;
        var body = new PooledBody(initial);
        try
        {
            while (true)
            {
                if (body.Length == body._buffer.Length)
                {
                    body.Grow();
                }

                int read = await request.Body.ReadAsync(body._buffer.AsMemory(body.Length), cancellationToken);
                if (read == 0)
                {
                    return body;
                }

                body.Length += read;
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow()
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
