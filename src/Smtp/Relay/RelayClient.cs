using System.Net;

namespace Relaybox.Smtp.Relay;

/// <summary>Who is asking to relay: the peer address and, after AUTH, the login and the senders it may use.</summary>
public sealed record RelayClient(IPAddress Address, string? Login, IReadOnlyList<string> AllowedSenders)
{
    public bool IsAuthenticated => Login is not null;
}
