using Relaybox.Smtp.Delivery.Dns;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// What the connection test tries: a <see cref="Routing.Relayhost"/> exactly as delivery uses it (host, port,
/// <c>[host]</c> or MX lookup, TLS policy with CA file and pins, the login), so the test and delivery cannot disagree.
/// </summary>
public sealed record ProbeRequest(Relayhost Relayhost)
{
    /// <summary>The test ends here whatever step it is in: the person at the console is waiting.</summary>
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Bound on each step (connect per address, greeting, each command, the TLS handshake).</summary>
    public static readonly TimeSpan DefaultStageTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Addresses tried at most, as delivery's smtp_mx_address_limit (5).</summary>
    public const int MaxAddresses = 5;

    /// <summary>The name given in EHLO ([server] hostname).</summary>
    public string HeloName { get; init; } = "localhost";

    /// <summary>Name servers ([relay] dns_servers); null: those of /etc/resolv.conf, as delivery does.</summary>
    public DnsClientOptions? NameServers { get; init; }

    public TimeSpan TotalTimeout { get; init; } = DefaultTotalTimeout;

    public TimeSpan StageTimeout { get; init; } = DefaultStageTimeout;
}
