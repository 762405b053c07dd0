using Microsoft.Win32.SafeHandles;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// The content part of a queue file: the first <see cref="Length"/> bytes, read with positional reads
/// (pread) so that nothing past the content (envelope, trailer) can be read through it.
/// </summary>
internal sealed class QueueContentStream : Stream
{
    private readonly SafeFileHandle handle;
    private readonly long length;
    private long position;

    private QueueContentStream(SafeFileHandle handle, long length)
    {
        this.handle = handle;
        this.length = length;
    }

    public override bool CanRead => !handle.IsClosed;

    public override bool CanSeek => !handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a position cannot be negative");
    }

    public static QueueContentStream Open(string path, long contentLength)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        return new QueueContentStream(handle, contentLength);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        int wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        int read = RandomAccess.Read(handle, buffer[..wanted], position);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        int wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        int read = await RandomAccess.ReadAsync(handle, buffer[..wanted], position, cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "unknown seek origin"),
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("queued content is read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("queued content is read-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            handle.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Wanted(int bufferLength) => (int)Math.Min(bufferLength, Math.Max(0, length - position));
}
