namespace Relaybox.Smtp.Delivery.Client;

/// <summary>The words and meanings of Postfix's smtp_tls_security_level.</summary>
public enum TlsSecurityLevel
{
    /// <summary>Plain text, even when the server offers STARTTLS.</summary>
    None,

    /// <summary>Opportunistic: STARTTLS when offered, any certificate accepted (RFC 7435); plain text otherwise.</summary>
    May,

    /// <summary>TLS required, certificate not checked (unless a fingerprint pin is set).</summary>
    Encrypt,

    /// <summary>TLS required; the chain must lead to a trusted CA and the name must match the host connected to.</summary>
    Verify,

    /// <summary>
    /// As <see cref="Verify"/>, but the name checked is <see cref="TlsPolicy.ExpectedName"/> when set (Postfix:
    /// the next-hop domain rather than a host name that came from an unsigned DNS answer).
    /// </summary>
    Secure,
}
