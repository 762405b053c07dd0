namespace Relaybox.Appliance.Configuration.Options;

/// <summary>TLS towards the next hop, as Postfix's smtp_tls_security_level.</summary>
public enum TlsSecurityLevel
{
    /// <summary>Never STARTTLS.</summary>
    None,
    /// <summary>STARTTLS when offered, certificate not checked (opportunistic, RFC 7435).</summary>
    May,
    /// <summary>TLS required, certificate not checked.</summary>
    Encrypt,
    /// <summary>TLS required, certificate chain checked, name checked against the MX host name.</summary>
    Verify,
    /// <summary>TLS required, certificate chain and the configured host name checked.</summary>
    Secure,
}
