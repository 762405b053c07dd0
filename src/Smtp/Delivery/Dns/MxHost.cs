using System.Net;

namespace Relaybox.Smtp.Delivery.Dns;

/// <summary>One host to deliver to, with its MX preference and its addresses (IPv4 first, then IPv6).</summary>
public sealed record MxHost(string Name, ushort Preference, IReadOnlyList<IPAddress> Addresses);
