using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Relaybox.Smtp.Delivery.Dns;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// Name servers for MX and address lookups: IP addresses with an optional port ("192.168.1.1",
/// "127.0.0.1:5353", "[::1]:53", a bare "::1"). At most three, glibc's limit (resolv.conf(5) MAXNS), which
/// <see cref="DnsClientOptions.MaxServers"/> also applies. Empty = the servers of /etc/resolv.conf.
/// </summary>
public static class DnsServerListValue
{
    public const int MaxEntries = DnsClientOptions.MaxServers;

    public const string Forms =
        "up to 3 name server IP addresses, each with an optional port (e.g. 192.168.1.1, 127.0.0.1:5353, [::1]:53), separated by commas or spaces";

    public static bool TryParse(string text, out IReadOnlyList<IPEndPoint> servers, out string? problem) =>
        ListValueParser.TryParseEach(
            text, MaxEntries, count => $"has {count} name servers; at most {MaxEntries} are used",
            RepeatedEntries.Refused, TryParseOne, out servers, out problem);

    public static bool TryParseOne(string entry, out IPEndPoint server, out string? problem)
    {
        server = null!;
        problem = null;
        string host = entry;
        string portText = "";
        if (entry.StartsWith('['))
        {
            int close = entry.IndexOf(']');
            string rest = close < 0 ? "" : entry[(close + 1)..];
            if (close < 0 || (rest.Length > 0 && rest[0] != ':'))
            {
                problem = $"\"{entry}\" is not [IPv6 address]:port";
                return false;
            }

            host = entry[1..close];
            portText = rest.Length > 0 ? rest[1..] : "";
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            // One colon is an IPv4 address and a port; more is a bare IPv6 address (a port needs brackets).
            int colon = entry.IndexOf(':');
            host = entry[..colon];
            portText = entry[(colon + 1)..];
        }

        int port = DnsClientOptions.DefaultPort;
        if ((entry.EndsWith(':') || portText.Length > 0)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"\"{entry}\": \"{portText}\" is not a port from 1 to 65535";
            return false;
        }

        if (!TryParseAddress(host, out IPAddress? address))
        {
            problem = $"\"{entry}\" is not an IP address (name servers are given by address, not by name)";
            return false;
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            problem = $"\"{entry}\" is the unspecified address, not a name server";
            return false;
        }

        server = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>
    /// An IPv4 address must be written as four dotted numbers: <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// also takes "192.168.1" (as 192.168.0.1), a typo that would send every lookup to the wrong host.
    /// </summary>
    private static bool TryParseAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        if (!IPAddress.TryParse(text, out address))
        {
            return false;
        }

        return address.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3;
    }
}
