namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [tls], paths absolute (resolved against data_dir). <see cref="CertExplicit"/> is false when the file did not
/// name the pair, which is when relaybox may generate a self-signed one.
/// </summary>
public sealed record TlsSection(string CertFile, string KeyFile, bool AuthOnly, bool CertExplicit);
