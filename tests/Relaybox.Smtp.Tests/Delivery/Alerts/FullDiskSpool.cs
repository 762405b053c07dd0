using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>A spool whose disk is full: every message fails to be created.</summary>
internal sealed class FullDiskSpool : IMessageSpool
{
    public int Attempts;

    public IncomingMessage Create()
    {
        Interlocked.Increment(ref Attempts);
        throw new IOException("No space left on device");
    }
}
