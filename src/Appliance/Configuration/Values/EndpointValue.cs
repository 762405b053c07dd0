using System.Globalization;
using System.Net;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>A listening address: "addr:port", "[v6]:port", "*:port" (all addresses), or empty = off.</summary>
public static class EndpointValue
{
    public const string Forms = "address:port (e.g. 0.0.0.0:25, [::1]:587, *:465), or empty to turn the listener off";

    public static bool TryParse(string text, out IPEndPoint? endpoint, out string? problem)
    {
        endpoint = null;
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"\"{text}\" has no port";
            return false;
        }

        string host = text[..colon];
        string portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            problem = $"\"{portText}\" is not a port from 1 to 65535";
            return false;
        }

        IPAddress? address;
        if (host == "*")
        {
            address = IPAddress.IPv6Any;
        }
        else if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                problem = $"\"{host}\" is not a bracketed IPv6 address";
                return false;
            }
        }
        else if (host.Contains(':'))
        {
            problem = $"\"{text}\": write IPv6 addresses in brackets, e.g. [::1]:{port}";
            return false;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            problem = $"\"{host}\" is not an IP address (host names are not resolved for listening)";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
