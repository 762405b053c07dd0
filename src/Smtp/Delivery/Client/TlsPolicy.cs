namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// How the client protects one connection. <see cref="WrapperMode"/> is implicit TLS from the first byte
/// (RFC 8314 section 3.3, port 465; Postfix smtp_tls_wrappermode); otherwise STARTTLS (RFC 3207).
/// </summary>
public sealed record TlsPolicy
{
    public TlsSecurityLevel Level { get; init; } = TlsSecurityLevel.Secure;

    /// <summary>Implicit TLS. With <see cref="TlsSecurityLevel.None"/> or May it still encrypts: there is no plain text to fall back to.</summary>
    public bool WrapperMode { get; init; }

    /// <summary>
    /// A PEM file of CA certificates that replace the system CAs as the only trust anchors (Postfix
    /// smtp_tls_CAfile, for a LAN upstream with its own CA). Null: the system CAs.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// SHA-256 digests of leaf certificates' DER encodings ([relay] tls_fingerprint; several allow a certificate
    /// change-over). When any are set, the leaf must match one at every level that uses TLS; at Encrypt and May
    /// that is the only check (Postfix's "fingerprint" level).
    /// </summary>
    public IReadOnlyList<byte[]> PinnedFingerprints { get; init; } = [];

    /// <summary>True when no pin is set, or <paramref name="leafSha256"/> equals one of them (compared in constant time).</summary>
    public bool AcceptsFingerprint(ReadOnlySpan<byte> leafSha256)
    {
        if (PinnedFingerprints.Count == 0)
        {
            return true;
        }

        bool match = false;
        foreach (byte[] pin in PinnedFingerprints)
        {
            match |= System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(leafSha256, pin);
        }

        return match;
    }

    /// <summary>At Secure: the name the certificate must carry, also sent as SNI; null (or any other level): the host connected to.</summary>
    public string? ExpectedName { get; init; }

    /// <summary>True when plain text is not acceptable.</summary>
    public bool RequiresTls => WrapperMode || Level >= TlsSecurityLevel.Encrypt;

    /// <summary>True when the chain and name are checked.</summary>
    public bool VerifiesCertificate => Level >= TlsSecurityLevel.Verify;
}
