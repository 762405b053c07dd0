using System.Buffers;
using Relaybox.Smtp.Storage;

namespace Relaybox.Smtp.Queue;

/// <summary>
/// One message being received into the spool. Content goes through one buffer into one file in incoming/;
/// <see cref="CommitAsync"/> publishes it in this order, each step durable before the next begins:
/// <list type="number">
/// <item>write out the buffer and fsync incoming/&lt;id&gt; (the content is on the device);</item>
/// <item>rename it to active/&lt;id&gt;.msg and fsync active/ (the name is on the device);</item>
/// <item>write active/&lt;id&gt;.env with <see cref="SafeFile"/>: temp file, fsync, rename, fsync active/.</item>
/// </list>
/// A crash before step 3's rename leaves at most an incoming file, an orphan ".msg" and a ".tmp", all
/// removed by <see cref="SpoolRecovery"/>; after it, a complete pair. Only then does the server say 250.
/// incoming/ itself is not fsynced after the rename: should the old name reappear after a power cut,
/// recovery wipes incoming/ and the link in active/ keeps the content.
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
            while (!content.IsEmpty)
            {
                int take = Math.Min(content.Length, buffer!.Length - buffered);
                content.Span[..take].CopyTo(buffer.AsSpan(buffered));
                buffered += take;
                length += take;
                content = content[take..];
                if (buffered == buffer.Length)
                {
                    await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
                }
            }
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

        // Serialise first: a bad envelope must fail before anything becomes visible.
        byte[] envelopeFile = EnvelopeSerializer.Write(envelope);
        try
        {
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            fileSystem.FlushToDisk(stream!);
            await stream!.DisposeAsync().ConfigureAwait(false);
            stream = null;

            // From here on no cancellation: a half-published message is worse than a late reply.
            fileSystem.Rename(incomingPath, directory.MessagePath(QueueFolder.Active, Id));
            fileSystem.FlushDirectory(directory.FolderPath(QueueFolder.Active));
            new SafeFile(fileSystem).WriteAllBytes(directory.EnvelopePath(QueueFolder.Active, Id), envelopeFile, QueueDirectory.FileMode);
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

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (buffered > 0)
        {
            await stream!.WriteAsync(buffer.AsMemory(0, buffered), cancellationToken).ConfigureAwait(false);
            buffered = 0;
        }
    }

    /// <summary>
    /// Best-effort removal of everything this message may have left: envelope first (it is the completeness
    /// marker), then the content under both names. What a failing disk leaves behind, recovery removes.
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
        TryDelete(directory.EnvelopePath(QueueFolder.Active, Id));
        TryDelete(directory.MessagePath(QueueFolder.Active, Id));
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
            // Leftovers in incoming/ or orphan ".msg" files are removed by SpoolRecovery at the next start.
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
