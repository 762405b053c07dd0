namespace Relaybox.Smtp.Delivery.Client;

/// <summary>Why TLS could not be set up as the policy requires. Never followed by plain-text delivery.</summary>
public enum TlsFailureReason
{
    None,

    /// <summary>TLS is required but the EHLO reply did not list STARTTLS (RFC 3207 section 4).</summary>
    StartTlsNotOffered,

    /// <summary>The server answered STARTTLS with something other than 220.</summary>
    StartTlsRefused,

    /// <summary>The handshake itself failed (protocol version below TLS 1.2, no common cipher, connection reset).</summary>
    HandshakeFailed,

    /// <summary>The certificate chain does not lead to a trusted CA (system CAs, or the private CA file).</summary>
    CertificateUntrusted,

    /// <summary>The certificate does not name the host (RFC 6125).</summary>
    NameMismatch,

    /// <summary>The leaf certificate's SHA-256 fingerprint is not the pinned one.</summary>
    FingerprintMismatch,

    /// <summary>The private CA file could not be read or holds no certificate.</summary>
    CaFileUnusable,
}
