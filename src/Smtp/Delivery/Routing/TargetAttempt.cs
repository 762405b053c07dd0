using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>What one connection attempt to one <see cref="MailTarget"/> gave.</summary>
internal sealed record TargetAttempt(MailTarget Target, DeliveryResult Result)
{
    /// <summary>A TCP connection was made (whatever happened after it).</summary>
    public bool Reached => Result.Failure != DeliveryFailure.ConnectFailed
        && !(Result.Failure == DeliveryFailure.Tls && Result.TlsFailure == TlsFailureReason.CaFileUnusable);

    /// <summary>
    /// The upstream answered for the recipients: every reply to the transaction came (<see cref="DeliveryFailure.None"/>),
    /// or at least one recipient got a final answer (e.g. a 5yz to MAIL, a message over the upstream's SIZE).
    /// </summary>
    public bool Judged => Result.Failure == DeliveryFailure.None || Result.Recipients.Any(r => r.Outcome != RecipientOutcome.Deferred);

    /// <summary>The connection could not be made because nothing answered in time: what a silent firewall looks like.</summary>
    public bool TimedOutConnecting => Result.Failure == DeliveryFailure.ConnectFailed && Result.ConnectError == System.Net.Sockets.SocketError.TimedOut;

    /// <summary>The host answered the connection attempt with a reset: the network reaches it.</summary>
    public bool Refused => Result.Failure == DeliveryFailure.ConnectFailed && Result.ConnectError == System.Net.Sockets.SocketError.ConnectionRefused;
}
