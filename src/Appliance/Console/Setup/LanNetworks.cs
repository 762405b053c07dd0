using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Relaybox.Appliance.Console.Setup;

/// <summary>
/// The networks this box is on, as the suggestion for <c>mynetworks</c>: the private IPv4 networks (RFC 1918) and
/// IPv6 unique-local networks (RFC 4193) of every interface that is up. Public and link-local networks are never
/// suggested: trusting them without a login would make an open relay of a box with a public address.
/// </summary>
public static class LanNetworks
{
    /// <summary>Always trusted: the box itself (its own cron, the console's test mail).</summary>
    public const string Loopback = "127.0.0.0/8, ::1/128";

    public static IReadOnlyList<string> Detect()
    {
        var found = new List<string>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var address in nic.GetIPProperties().UnicastAddresses)
                {
                    if (IsPrivate(address.Address) && address.PrefixLength > 0)
                    {
                        var network = new IPNetwork(Mask(address.Address, address.PrefixLength), address.PrefixLength);
                        found.Add(network.ToString());
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No interface list (a sandbox without /proc/net): nothing to suggest beyond loopback.
        }

        return found.Distinct().ToList();
    }

    /// <summary>The suggestion: loopback plus the detected LAN networks.</summary>
    public static string Suggestion(IReadOnlyList<string> detected) =>
        detected.Count == 0 ? Loopback : Loopback + ", " + string.Join(", ", detected);

    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168);
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
    }

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
