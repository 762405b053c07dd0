using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// How <see cref="DeliveryRouter"/> delivers: through <see cref="Relayhost"/> when set, to each recipient
/// domain's MX hosts otherwise. Every limit has its default and where it comes from.
/// </summary>
public sealed record RoutingOptions
{
    /// <summary>The name given in EHLO/HELO ([server] hostname).</summary>
    public string HeloName { get; init; } = "localhost";

    /// <summary>[relay] relayhost. Null: MX delivery.</summary>
    public Relayhost? Relayhost { get; init; }

    /// <summary>
    /// Postfix smtp_fallback_relay: used in MX mode only, and only when outbound port 25 is found blocked (every
    /// MX connection timed out). Null: none; the mail waits in the queue.
    /// </summary>
    public Relayhost? FallbackRelay { get; init; }

    /// <summary>
    /// With a <see cref="FallbackRelay"/>: how long a blocked port 25, once seen, sends MX deliveries straight to the
    /// fallback before MX hosts are tried again. Without it every message would first wait out a connect timeout per
    /// MX address (up to <see cref="MaxAddresses"/> x <see cref="ConnectTimeout"/>). 10 minutes: about Postfix's
    /// minimal_backoff_time (300 s) twice, so the block is re-checked a few times an hour. Zero: always try MX first.
    /// </summary>
    public TimeSpan BlockedPortMemory { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>TLS towards MX hosts: opportunistic ("may", RFC 7435) by default, as Postfix without a relayhost.</summary>
    public TlsPolicy MxTls { get; init; } = new() { Level = TlsSecurityLevel.May };

    /// <summary>The port MX hosts are contacted on: 25 (RFC 5321 section 4.5.4.2). Settable for tests only.</summary>
    public int MxPort { get; init; } = 25;

    /// <summary>TCP connect timeout per address: Postfix smtp_connect_timeout, 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every other client timeout (greeting, commands, data); their <see cref="ClientTimeouts.Connect"/> is replaced by <see cref="ConnectTimeout"/>.</summary>
    public ClientTimeouts Timeouts { get; init; } = ClientTimeouts.Default;

    /// <summary>
    /// Addresses tried per delivery, over all hosts: Postfix smtp_mx_address_limit, 5. Bounds the time a delivery to
    /// a domain with many dead hosts takes (5 connect timeouts at most).
    /// </summary>
    public int MaxAddresses { get; init; } = 5;

    /// <summary>
    /// Sessions that connected but ended before the recipients were judged (greeting refused, TLS failure, lost
    /// connection) after which no further host is tried: Postfix smtp_mx_session_limit, 2.
    /// </summary>
    public int MaxSessions { get; init; } = 2;
}
