using System.Net;
using System.Net.Sockets;

namespace Relaybox.Smtp.Relay;

/// <summary>
/// A set of client networks (Postfix mynetworks). A dual-stack listener reports IPv4 peers as IPv4-mapped
/// IPv6 addresses (::ffff:192.168.0.10), so those match IPv4 networks, and IPv4 peers match networks
/// written in the mapped form.
/// </summary>
public sealed class NetworkList
{
    private readonly IPNetwork[] networks;

    public NetworkList(IEnumerable<IPNetwork> networks) => this.networks = [.. networks];

    public static NetworkList Empty { get; } = new([]);

    public int Count => networks.Length;

    public bool Contains(IPAddress address)
    {
        IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        IPAddress? mapped = plain.AddressFamily == AddressFamily.InterNetwork ? plain.MapToIPv6() : null;
        foreach (var network in networks)
        {
            if (network.Contains(plain) || (mapped is not null && network.Contains(mapped)))
            {
                return true;
            }
        }

        return false;
    }
}
