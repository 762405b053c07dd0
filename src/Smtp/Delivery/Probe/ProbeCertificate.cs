using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Delivery.Probe;

/// <summary>
/// The certificate a smarthost presented, as the owner needs it to decide whether to trust it.
/// <see cref="Fingerprint"/> is the SHA-256 of the DER in the form <c>[relay] tls_fingerprint</c> takes
/// (64 lower-case hex digits), so "trust this certificate" is writing that value.
/// </summary>
public sealed record ProbeCertificate(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Fingerprint)
{
    /// <summary>The subject's common name (or first name), e.g. "mail.lan".</summary>
    public string IssuedTo { get; init; } = string.Empty;

    /// <summary>The issuer's common name, e.g. "relaybox test CA".</summary>
    public string IssuedBy { get; init; } = string.Empty;

    /// <summary>The DNS names and addresses of the subject alternative name extension, which is what a name check reads.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Issued by itself: no authority vouches for it; only a pin can make it trusted.</summary>
    public bool SelfSigned => Subject == Issuer;

    /// <summary>The SHA-256 fingerprint with colons, as "openssl x509 -fingerprint -sha256" prints it (also accepted in the config).</summary>
    public string FingerprintWithColons => string.Join(':', Enumerable.Range(0, Fingerprint.Length / 2).Select(i => Fingerprint.Substring(i * 2, 2).ToUpperInvariant()));

    public static ProbeCertificate FromDer(byte[] der)
    {
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der);
        var names = new List<string>();
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension alternative)
            {
                names.AddRange(alternative.EnumerateDnsNames());
                names.AddRange(alternative.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return new ProbeCertificate(
            certificate.Subject,
            certificate.Issuer,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            Convert.ToHexStringLower(SHA256.HashData(der)))
        {
            IssuedTo = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            IssuedBy = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
            Names = names,
        };
    }
}
