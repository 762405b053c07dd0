using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// The spool the SMTP server (and the bounce and alert writers) use when delivery runs: each message is
/// handed to the queue manager the moment it is committed, so delivery starts at once instead of at the
/// next scan (Postfix's qmgr is woken by the pickup/cleanup trigger the same way). The manager gets the message
/// as committed (envelope, size, path), so it need not read the file back.
/// </summary>
public sealed class NotifyingSpool(Spool inner, Action<QueuedMessage> committed) : IMessageSpool
{
    public IncomingMessage Create() => new NotifyingIncomingMessage(inner.Create(), inner.Directory, committed);

    private sealed class NotifyingIncomingMessage(IncomingMessage inner, QueueDirectory directory, Action<QueuedMessage> committed) : IncomingMessage
    {
        public override string Id => inner.Id;

        public override long Length => inner.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            inner.WriteAsync(content, cancellationToken);

        public override async ValueTask CommitAsync(Envelope envelope, CancellationToken cancellationToken)
        {
            await inner.CommitAsync(envelope, cancellationToken).ConfigureAwait(false);
            committed(new QueuedMessage(inner.Id, QueueFolder.Active, envelope, inner.Length, envelope.ReceivedAt,
                directory.QueueFilePath(QueueFolder.Active, inner.Id)));
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
