using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>
/// Everything one notice is made from: the queued message's envelope, the recipients it reports on (already
/// chosen by <see cref="BounceRecipientPolicy"/>), what it reports, and a way to read the original content
/// (e.g. <c>QueuedMessage.OpenContent</c>); the builder reads only as much of it as it returns.
/// </summary>
public sealed record DsnRequest(
    Envelope Envelope,
    DsnReportKind Kind,
    IReadOnlyList<DsnRecipientStatus> Recipients,
    Func<Stream> OpenOriginal,
    long OriginalSize)
{
    /// <summary>A request over a message in the queue: its envelope, and its content read from the queue file.</summary>
    public static DsnRequest For(QueuedMessage message, DsnReportKind kind, IReadOnlyList<DsnRecipientStatus> recipients)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DsnRequest(message.Envelope, kind, recipients, message.OpenContent, message.Size);
    }
}
