using System.IO.Pipelines;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>
/// One end of an in-memory connection: reads what the other end wrote and the other way round. Counts writes,
/// so a test can see how many times the server flushed.
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly PipeWriter _outputWriter;
    private int _writes;

    private DuplexPipeStream(Pipe input, Pipe output)
    {
        _input = input.Reader.AsStream();
        _outputWriter = output.Writer;
        _output = output.Writer.AsStream();
    }

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>A connected pair: (server end, client end).</summary>
    public static (DuplexPipeStream Server, DuplexPipeStream Client) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new DuplexPipeStream(toServer, toClient), new DuplexPipeStream(toClient, toServer));
    }

    /// <summary>Half-close: the other end reads end-of-stream, this end can still read.</summary>
    public void CompleteWrites() => _outputWriter.Complete();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _input.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _input.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        Interlocked.Increment(ref _writes);
        _output.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        await _output.WriteAsync(buffer, cancellationToken);
        await _output.FlushAsync(cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _outputWriter.Complete();
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
