using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Delivery.Client;
using Relaybox.Smtp.Delivery.Probe;

namespace Relaybox.Smtp.Tests.Delivery.Probe;

/// <summary>What the owner is shown of a certificate, and the reasons given when it is not trusted.</summary>
public sealed class ProbeCertificateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheFingerprintIsTheSha256OfTheDerInTheFormTheConfigTakes()
    {
        byte[] der = Certificate("CN=mail.lan", Now.AddDays(-1), Now.AddDays(90));

        ProbeCertificate certificate = ProbeCertificate.FromDer(der);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), certificate.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", certificate.Fingerprint);
        Assert.Equal(certificate.Fingerprint, certificate.FingerprintWithColons.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal("mail.lan", certificate.IssuedTo);
        Assert.Equal(["mail.lan"], certificate.Names);
        Assert.True(certificate.SelfSigned);
        Assert.Equal(Now.AddDays(90).ToUnixTimeSeconds(), certificate.NotAfter.ToUnixTimeSeconds());
    }

    [Fact]
    public void AnExpiredCertificateIsSaidToHaveExpired()
    {
        ProbeCertificate certificate = ProbeCertificate.FromDer(Certificate("CN=mail.lan", Now.AddYears(-2), Now.AddDays(-3)));

        ProbeReport report = CertificateVerdict.Rejected(TlsFailureReason.CertificateUntrusted, certificate, new TlsPolicy(), "mail.lan", Now);

        Assert.Equal(ProbeStage.Certificate, report.FailedStage);
        Assert.Equal("certificate not trusted: issued by 'mail.lan' to 'mail.lan'; it expired on 2026-11-19", report.Summary);
        Assert.Same(certificate, report.Certificate);
    }

    [Fact]
    public void AnUntrustedCertificateWithAPrivateCaNamesTheCaFile()
    {
        ProbeCertificate certificate = ProbeCertificate.FromDer(Certificate("CN=mail.lan", Now.AddDays(-1), Now.AddDays(90)));
        var policy = new TlsPolicy { Level = TlsSecurityLevel.Secure, CaFile = "/etc/relaybox/lan-ca.pem" };

        ProbeReport report = CertificateVerdict.Rejected(TlsFailureReason.CertificateUntrusted, certificate, policy, "mail.lan", Now);

        Assert.EndsWith("; not signed by the CA in /etc/relaybox/lan-ca.pem", report.Summary, StringComparison.Ordinal);
        Assert.Contains($"tls_fingerprint = {certificate.Fingerprint}", report.Advice, StringComparison.Ordinal);
    }

    private static byte[] Certificate(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(subject[3..]);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        return certificate.RawData;
    }
}
