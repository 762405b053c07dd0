using System.Globalization;
using System.Net;
using Relaybox.Appliance.Configuration.Options;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// Postfix relayhost syntax: "[host]:port" and "[host]" connect to that host; "host:port" and "host" look up the
/// domain's MX records first. An IPv6 literal goes in brackets, with or without Postfix's "ipv6:" tag.
/// </summary>
public static class RelayHostValue
{
    public const string HostForms = "[host]:port, [host], host:port or host (brackets = no MX lookup)";

    public const string Forms = HostForms + ", or empty to deliver to each domain's MX";

    public static bool TryParse(string text, out RelayHostAddress? relayHost, out string? problem)
    {
        relayHost = null;
        problem = null;
        if (text.Length == 0)
        {
            return true;
        }

        string host;
        string rest;
        bool lookUpMx;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0)
            {
                problem = $"\"{text}\" has '[' without ']'";
                return false;
            }

            host = text[1..close];
            rest = text[(close + 1)..];
            lookUpMx = false;
            if (host.StartsWith("ipv6:", StringComparison.OrdinalIgnoreCase))
            {
                host = host[5..];
            }
        }
        else
        {
            int colon = text.IndexOf(':');
            host = colon < 0 ? text : text[..colon];
            rest = colon < 0 ? "" : text[colon..];
            lookUpMx = true;
        }

        bool isAddress = IPAddress.TryParse(host, out _);
        if (!isAddress && !HostNameValue.IsValid(host))
        {
            problem = $"\"{host}\" is not a host name or IP address";
            return false;
        }

        if (isAddress && lookUpMx)
        {
            // An address has no MX records; Postfix wants it bracketed.
            problem = $"write an IP address in brackets: \"[{host}]{rest}\"";
            return false;
        }

        int port = RelayHostAddress.DefaultPort;
        if (rest.Length > 0
            && (rest[0] != ':' || !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"\"{rest}\" is not \":port\" with a port from 1 to 65535";
            return false;
        }

        relayHost = new RelayHostAddress(host, port, lookUpMx);
        return true;
    }
}
