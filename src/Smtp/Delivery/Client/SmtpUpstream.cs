using System.Net;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Where and how to deliver: a smarthost (relayhost) or one MX host.</summary>
public sealed record SmtpUpstream(string Host, int Port)
{
    /// <summary>The name relaybox gives in EHLO/HELO ([server] hostname).</summary>
    public string HeloName { get; init; } = "localhost";

    public TlsPolicy Tls { get; init; } = new();

    /// <summary>Null: no AUTH.</summary>
    public UpstreamCredentials? Credentials { get; init; }

    public ClientTimeouts Timeouts { get; init; } = ClientTimeouts.Default;

    /// <summary>
    /// The address to connect to, already resolved (e.g. one address of an MX host). <see cref="Host"/> stays the
    /// name used for TLS (SNI, certificate name at verify) and in texts. Null: connect to <see cref="Host"/> by name.
    /// </summary>
    public IPAddress? Address { get; init; }
}
