using System.Net;
using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [relay]: restrictions and the next hop. <see cref="TlsSecurityLevel"/> is resolved (secure with a relayhost,
/// may for MX delivery, when the file leaves it empty). Paths are absolute. <see cref="TlsFingerprints"/> are
/// lowercase hex SHA-256 digests without separators. <see cref="SenderQuota"/> 0 = unlimited.
/// </summary>
/// <param name="FallbackRelay">Where MX delivery goes when it cannot reach an MX (outbound port 25 blocked); null = none.
/// It is a smarthost like <see cref="RelayHost"/>: the same tls_wrappermode, tls_ca_file, tls_fingerprint and
/// sasl_password_file apply, at <see cref="FallbackTlsSecurityLevel"/>.</param>
/// <param name="FallbackTlsSecurityLevel">TLS towards <see cref="FallbackRelay"/>: tls_security_level when set, otherwise secure.</param>
/// <param name="DnsServers">Name servers for MX and address lookups; empty = those of /etc/resolv.conf.</param>
public sealed record RelaySection(
    IReadOnlyList<RestrictionKind> Restrictions,
    RelayHostAddress? RelayHost,
    TlsSecurityLevel TlsSecurityLevel,
    bool TlsWrapperMode,
    string? TlsCaFile,
    string? SaslPasswordFile,
    IReadOnlyList<string> TlsFingerprints,
    int SenderQuota,
    RelayHostAddress? FallbackRelay,
    TlsSecurityLevel FallbackTlsSecurityLevel,
    IReadOnlyList<IPEndPoint> DnsServers);
