using System.Net.Sockets;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The outcome of one delivery attempt: one <see cref="RecipientResult"/> per envelope recipient, always,
/// plus what went wrong with the session as a whole when something did.
/// </summary>
public sealed record DeliveryResult(IReadOnlyList<RecipientResult> Recipients, DeliveryFailure Failure)
{
    public TlsFailureReason TlsFailure { get; init; }

    public AuthOutcome Auth { get; init; }

    /// <summary>
    /// For <see cref="DeliveryFailure.ConnectFailed"/>: why no connection was made. <see cref="SocketError.TimedOut"/>
    /// when nothing answered within the connect timeout (what a firewall that drops packets looks like),
    /// <see cref="SocketError.ConnectionRefused"/> when the host answered with a reset, others as the system gave them.
    /// <see cref="SocketError.Success"/> otherwise.
    /// </summary>
    public SocketError ConnectError { get; init; }

    /// <summary>True when the transaction ran over TLS.</summary>
    public bool Encrypted { get; init; }

    /// <summary>The reply that ended the session, if a reply did.</summary>
    public UpstreamReply? Reply { get; init; }

    /// <summary>A one-line description of the session failure; empty when <see cref="Failure"/> is None.</summary>
    public string Detail { get; init; } = string.Empty;
}
