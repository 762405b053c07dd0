namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[auth] security_options, as Postfix's smtpd_sasl_security_options.</summary>
[Flags]
public enum SaslSecurityOptions
{
    None = 0,
    /// <summary>Refuse anonymous logins (relaybox has none; kept for Postfix compatibility).</summary>
    NoAnonymous = 1,
    /// <summary>Refuse PLAIN and LOGIN even over TLS.</summary>
    NoPlaintext = 2,
}
