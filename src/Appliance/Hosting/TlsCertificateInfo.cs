using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Appliance.Hosting;

/// <summary>What the owner needs to recognise a certificate: where it is, whose it is, its SHA-256 fingerprint, how long it holds.</summary>
public sealed record TlsCertificateInfo(string Path, string Subject, string Fingerprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    public static TlsCertificateInfo From(X509Certificate2 certificate, string path) =>
        new(path, certificate.Subject, ServerCertificate.Fingerprint(certificate),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));

    /// <summary>"relaybox tls show" and the console print these.</summary>
    public IReadOnlyList<string> Lines() =>
    [
        "certificate: " + Path,
        "subject: " + Subject,
        "SHA-256 fingerprint: " + Fingerprint,
        "valid until: " + NotAfter.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
    ];
}
