namespace Relaybox.Appliance.Configuration.Schema;

/// <summary>The shape of a value; each has one parser in Configuration/Values and one text of accepted forms.</summary>
public enum ConfigValueType
{
    /// <summary>Free text (the key's own checks apply).</summary>
    Text,
    HostName,
    /// <summary>An absolute or relative file or directory path; relative ones resolve as the key documents.</summary>
    Path,
    Bool,
    /// <summary>A whole number within the key's range.</summary>
    Count,
    /// <summary>Bytes, with an optional k or M suffix (1024-based).</summary>
    Size,
    /// <summary>Seconds, or a number with s, m, h or d.</summary>
    Duration,
    /// <summary>addr:port, [v6]:port, *:port, or empty = off.</summary>
    Endpoint,
    /// <summary>CIDR networks (a bare address is one host), comma and/or whitespace separated.</summary>
    NetworkList,
    RestrictionList,
    MechanismList,
    SecurityOptionList,
    /// <summary>none|may|encrypt|verify|secure, or empty = automatic.</summary>
    TlsSecurityLevel,
    /// <summary>1.0|1.1|1.2</summary>
    TlsVersion,
    /// <summary>[host]:port, [host], host:port, host, or empty.</summary>
    RelayHost,
    /// <summary>SHA-256 certificate fingerprints in hex (colons allowed), comma and/or whitespace separated.</summary>
    FingerprintList,
    /// <summary>user@domain, or empty.</summary>
    MailAddress,
    /// <summary>debug|info|warning|error</summary>
    LogLevel,
    /// <summary>A GPIO line name (GPIO17) or offset (17), or empty = not used.</summary>
    GpioLine,
    /// <summary>Up to 3 name server IP addresses, each with an optional port, or empty = /etc/resolv.conf.</summary>
    DnsServerList,
    /// <summary>Domain names, comma and/or whitespace separated.</summary>
    DomainList,
    /// <summary>from=to pairs (from: address, @domain or *; to: a mail address), comma and/or whitespace separated.</summary>
    SenderMap,
}
