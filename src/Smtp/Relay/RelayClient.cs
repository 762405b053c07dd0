using System.Net;

namespace Relaybox.Smtp.Relay;

/// <summary>Who is asking to relay: the peer address and, after AUTH, the login and the senders it may use.</summary>
public sealed record RelayClient(IPAddress Address, string? Login, IReadOnlyList<string> AllowedSenders)
{
    public bool IsAuthenticated => Login is not null;

    /// <summary>
    /// The login's own sending quota (<see cref="Auth.UserRecord.MessagesPerHour"/>); null = the configured
    /// default, 0 = unlimited.
    /// </summary>
    public int? MessagesPerHour { get; init; }
}
