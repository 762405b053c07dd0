using System.Globalization;
using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// A smarthost as Postfix's relayhost names it: <c>[host]:port</c> connects to the host itself, <c>host:port</c>
/// looks up the host's MX records first (<see cref="LookUpMx"/>). With the TLS policy and the one login
/// relaybox holds for it (null: no AUTH).
/// </summary>
public sealed record Relayhost(string Host, int Port = Relayhost.SmtpPort)
{
    /// <summary>The port when none is given: the smtp service, as in Postfix.</summary>
    public const int SmtpPort = 25;

    /// <summary>True for <c>host:port</c> (deliver to the host's MX hosts); false for <c>[host]:port</c>.</summary>
    public bool LookUpMx { get; init; }

    /// <summary>
    /// Postfix smtp_tls_security_level and friends. At <see cref="TlsSecurityLevel.Secure"/> the certificate must
    /// name <see cref="Host"/> (the router sets <see cref="TlsPolicy.ExpectedName"/> to it when unset), also
    /// when the connection goes to one of its MX hosts.
    /// </summary>
    public TlsPolicy Tls { get; init; } = new() { Level = TlsSecurityLevel.Secure };

    /// <summary>The login from sasl_password_file; null: no AUTH.</summary>
    public UpstreamCredentials? Credentials { get; init; }

    /// <summary>"[smtp.example.net]:587" or "example.net:25": the destination key, and the name in texts for the owner.</summary>
    public string DisplayName => LookUpMx ? $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}" : $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Never shows the credentials.</summary>
    public override string ToString() => DisplayName;

    /// <summary>
    /// Reads Postfix's relayhost syntax: <c>[host]:port</c>, <c>[host]</c>, <c>host:port</c>, <c>host</c>
    /// (port 25 when absent, 1..65535 otherwise). An IPv6 address must be bracketed: <c>[2001:db8::1]:587</c>.
    /// TLS and credentials are left at their defaults for the caller to set.
    /// </summary>
    public static bool TryParse(string? text, out Relayhost? relayhost)
    {
        relayhost = null;
        string value = (text ?? string.Empty).Trim();
        string host;
        string rest;
        bool bracketed = value.StartsWith('[');
        if (bracketed)
        {
            int close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = value[1..close];
            rest = value[(close + 1)..];
        }
        else
        {
            int colon = value.LastIndexOf(':');
            host = colon < 0 ? value : value[..colon];
            rest = colon < 0 ? string.Empty : value[colon..];
        }

        if (host.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[5..];
        }

        int port = SmtpPort;
        if (rest.Length > 0 && (!rest.StartsWith(':') || !int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port)))
        {
            return false;
        }

        if (host.Length == 0 || port is < 1 or > 65535 || host.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '@')
            || (!bracketed && host.Contains(':')))
        {
            return false;
        }

        relayhost = new Relayhost(host, port) { LookUpMx = !bracketed };
        return true;
    }
}
