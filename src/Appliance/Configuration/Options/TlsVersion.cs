namespace Relaybox.Appliance.Configuration.Options;

/// <summary>A TLS protocol version ([legacy] tls_min_version); relaybox's own minimum for everyone else is TLS 1.2.</summary>
public enum TlsVersion
{
    Tls10,
    Tls11,
    Tls12,
}
