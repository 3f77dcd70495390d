namespace FailSmart.Client.Tests;

/// <summary>A scripted stream body: it plays its bytes, then stays open until the client leaves (or breaks, as a dropped connection does).</summary>
internal sealed class OpenEndedStream(Stream inner, bool breaks, CancellationToken cancellationToken) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
    {
        int read = await inner.ReadAsync(buffer, token);
        if (read > 0)
        {
            return read;
        }

        if (breaks)
        {
            throw new IOException("The connection was reset.");
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
        await Task.Delay(Timeout.Infinite, both.Token);
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
