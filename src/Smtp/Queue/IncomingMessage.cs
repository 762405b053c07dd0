namespace Relaybox.Smtp.Queue;

/// <summary>
/// A message being received. Content is appended as it arrives; <see cref="CommitAsync"/> makes message
/// and envelope durable (file and directory fsynced) and only then returns, so the server may say 250.
/// Disposing without a commit discards everything written.
/// </summary>
public abstract class IncomingMessage : IAsyncDisposable
{
    public abstract string Id { get; }

    /// <summary>Bytes appended so far.</summary>
    public abstract long Length { get; }

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    public abstract ValueTask CommitAsync(Envelope envelope, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
