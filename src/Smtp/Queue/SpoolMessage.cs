using System.Buffers;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// One message being received into the spool, as one file: content goes through one buffer into
/// incoming/&lt;id&gt;; <see cref="CommitAsync"/> appends the envelope and the trailer (see
/// <see cref="QueueFileTrailer"/>) and publishes the file in this order, each step durable before the next:
/// <list type="number">
/// <item>write out the buffer, envelope and trailer, fsync incoming/&lt;id&gt; (the whole file is on the device);</item>
/// <item>rename it to active/&lt;id&gt;.q and fsync active/ (the name is on the device).</item>
/// </list>
/// One inode and two fsyncs per message; a small message, its envelope and trailer leave in a single write.
/// A crash before the rename leaves a file in incoming/, which recovery wipes; after it, a complete queue
/// file. Only then does the server say 250. incoming/ itself is not fsynced after the rename: should the old
/// name reappear after a power cut, recovery wipes incoming/ and the link in active/ keeps the content.
/// </summary>
internal sealed class SpoolMessage : IncomingMessage
{
    /// <summary>
    /// Write buffer: device mail (a report, a scan notice) fits in one or two writes, and 200 sessions in DATA
    /// at once hold 3 MiB of buffers rather than the 12 MiB a 64 KiB buffer would take.
    /// </summary>
    internal const int BufferSize = 16 * 1024;

    private readonly QueueDirectory directory;
    private readonly IFileSystem fileSystem;
    private readonly string incomingPath;
    private FileStream? stream;
    private byte[]? buffer;
    private int buffered;
    private long length;
    private State state;

    public SpoolMessage(QueueDirectory directory, string id)
    {
        this.directory = directory;
        fileSystem = directory.FileSystem;
        Id = id;
        incomingPath = directory.IncomingFile(id);
        stream = fileSystem.CreateNew(incomingPath, QueueDirectory.FileMode);
        buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    private enum State
    {
        Receiving,
        Committed,
        Failed,
        Disposed,
    }

    public override string Id { get; }

    public override long Length => length;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        EnsureReceiving();
        try
        {
            await BufferAsync(content, cancellationToken).ConfigureAwait(false);
            length += content.Length;
        }
        catch
        {
            state = State.Failed;
            throw;
        }
    }

    public override async ValueTask CommitAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        EnsureReceiving();

        // Serialise first: a bad envelope must fail before anything is written after the content.
        byte[] envelopeText = EnvelopeSerializer.Write(envelope);
        byte[] trailer = QueueFileTrailer.Create(length, envelopeText);
        try
        {
            await BufferAsync(envelopeText, cancellationToken).ConfigureAwait(false);
            await BufferAsync(trailer, cancellationToken).ConfigureAwait(false);
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            fileSystem.FlushToDisk(stream!);
            await stream!.DisposeAsync().ConfigureAwait(false);
            stream = null;

            // From here on no cancellation: a half-published message is worse than a late reply.
            fileSystem.Rename(incomingPath, directory.QueueFilePath(QueueFolder.Active, Id));
            fileSystem.FlushDirectory(directory.FolderPath(QueueFolder.Active));
            state = State.Committed;
        }
        catch
        {
            state = State.Failed;
            Discard();
            throw;
        }
        finally
        {
            ReturnBuffer();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (state is State.Receiving or State.Failed)
        {
            Discard();
        }

        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            stream = null;
        }

        ReturnBuffer();
        state = State.Disposed;
    }

    /// <summary>Copies bytes into the write buffer, writing it out each time it fills.</summary>
    private async ValueTask BufferAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            int take = Math.Min(bytes.Length, buffer!.Length - buffered);
            bytes.Span[..take].CopyTo(buffer.AsSpan(buffered));
            buffered += take;
            bytes = bytes[take..];
            if (buffered == buffer.Length)
            {
                await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (buffered > 0)
        {
            await stream!.WriteAsync(buffer.AsMemory(0, buffered), cancellationToken).ConfigureAwait(false);
            buffered = 0;
        }
    }

    /// <summary>
    /// Best-effort removal of everything this message may have left, under both names. What a failing disk
    /// leaves behind, recovery removes (incoming/) or keeps as the complete message it is (active/).
    /// </summary>
    private void Discard()
    {
        try
        {
            stream?.Dispose();
        }
        catch (IOException)
        {
            // The handle is going away regardless; the error that led here is the one to report.
        }

        stream = null;
        TryDelete(directory.QueueFilePath(QueueFolder.Active, Id));
        TryDelete(incomingPath);
    }

    private void TryDelete(string path)
    {
        try
        {
            fileSystem.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers in incoming/ are removed by SpoolRecovery at the next start.
        }
    }

    private void EnsureReceiving()
    {
        if (state != State.Receiving)
        {
            throw new InvalidOperationException($"message {Id} is {state.ToString().ToLowerInvariant()}");
        }
    }

    private void ReturnBuffer()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
