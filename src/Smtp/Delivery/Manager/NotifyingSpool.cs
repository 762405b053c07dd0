using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// The spool the SMTP server (and the bounce and alert writers) use when delivery runs: each message is
/// handed to the queue manager the moment it is committed, so delivery starts at once instead of at the
/// next scan (Postfix's qmgr is woken by the pickup/cleanup trigger the same way).
/// </summary>
public sealed class NotifyingSpool(IMessageSpool inner, Action<string> committed) : IMessageSpool
{
    public IncomingMessage Create() => new NotifyingIncomingMessage(inner.Create(), committed);

    private sealed class NotifyingIncomingMessage(IncomingMessage inner, Action<string> committed) : IncomingMessage
    {
        public override string Id => inner.Id;

        public override long Length => inner.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            inner.WriteAsync(content, cancellationToken);

        public override async ValueTask CommitAsync(Envelope envelope, CancellationToken cancellationToken)
        {
            await inner.CommitAsync(envelope, cancellationToken).ConfigureAwait(false);
            committed(inner.Id);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
