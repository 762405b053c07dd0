using System.Net.Sockets;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Ends a session early inside the client; <see cref="SmtpDeliveryClient"/> turns it into a
/// <see cref="DeliveryResult"/>. It never leaves the client.
/// </summary>
internal sealed class DeliveryAbortedException(DeliveryFailure failure, string detail, UpstreamReply? reply = null) : Exception(detail)
{
    public DeliveryFailure Failure { get; } = failure;

    public UpstreamReply? Reply { get; } = reply;

    public TlsFailureReason TlsFailure { get; init; }

    public AuthOutcome Auth { get; init; }

    /// <summary>Why the connection could not be made, for <see cref="DeliveryFailure.ConnectFailed"/>.</summary>
    public SocketError ConnectError { get; init; }

    /// <summary>True when the failure is a property of the message that no retry can change.</summary>
    public bool Permanent { get; init; }
}
