using Relaybox.Smtp.Relay;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [relay]: restrictions and the next hop. <see cref="TlsSecurityLevel"/> is resolved (secure with a relayhost,
/// may for MX delivery, when the file leaves it empty). Paths are absolute. <see cref="TlsFingerprints"/> are
/// lowercase hex SHA-256 digests without separators. <see cref="SenderQuota"/> 0 = unlimited.
/// </summary>
public sealed record RelaySection(
    IReadOnlyList<RestrictionKind> Restrictions,
    RelayHostAddress? RelayHost,
    TlsSecurityLevel TlsSecurityLevel,
    bool TlsWrapperMode,
    string? TlsCaFile,
    string? SaslPasswordFile,
    IReadOnlyList<string> TlsFingerprints,
    int SenderQuota);
