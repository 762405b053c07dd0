using System.Net;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// One place to connect to: a host name (for TLS and texts) and the address to use, or null to connect by name
/// (the relayhost written as [host]).
/// </summary>
internal sealed record MailTarget(string Name, IPAddress? Address)
{
    public override string ToString() => Address is null ? Name : $"{Name}[{Address}]";
}
