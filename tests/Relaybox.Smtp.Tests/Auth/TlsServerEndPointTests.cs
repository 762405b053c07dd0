using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Smtp.Auth;

namespace Relaybox.Smtp.Tests.Auth;

public sealed class TlsServerEndPointTests
{
    private static X509Certificate2 RsaCertificate(HashAlgorithmName hash, RSASignaturePadding padding)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=relay.example", key, hash, padding);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 EcdsaCertificate(HashAlgorithmName hash)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=relay.example", key, hash);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void ASha256SignedCertificateIsHashedWithSha256()
    {
        using var certificate = RsaCertificate(HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.Equal(SHA256.HashData(certificate.RawData), TlsServerEndPoint.Compute(certificate));
    }

    [Fact]
    public void ASha384SignedCertificateIsHashedWithSha384()
    {
        using var certificate = EcdsaCertificate(HashAlgorithmName.SHA384);

        Assert.Equal(SHA384.HashData(certificate.RawData), TlsServerEndPoint.Compute(certificate));
    }

    [Fact]
    public void ASha512SignedCertificateIsHashedWithSha512()
    {
        using var certificate = RsaCertificate(HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);

        Assert.Equal(SHA512.HashData(certificate.RawData), TlsServerEndPoint.Compute(certificate));
    }

    // Made with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha1 -subj /CN=sha1.relay.example
    // (.NET refuses to sign with SHA-1, OpenSSL still does). Expected value: openssl x509 -outform DER | sha256sum.
    private const string EcdsaWithSha1Certificate =
        "-----BEGIN CERTIFICATE-----\n" +
        "MIIBjjCCATagAwIBAgIUDFGT99Q7FWdN07Ki6s4acdjtsKMwCQYHKoZIzj0EATAd\n" +
        "MRswGQYDVQQDDBJzaGExLnJlbGF5LmV4YW1wbGUwIBcNMjYxMTIyMTUzMTQyWhgP\n" +
        "MjEyNjEwMjkxNTMxNDJaMB0xGzAZBgNVBAMMEnNoYTEucmVsYXkuZXhhbXBsZTBZ\n" +
        "MBMGByqGSM49AgEGCCqGSM49AwEHA0IABFyD5B9J4v0D2RPBSbfxCc+n9xx6OolR\n" +
        "rcYcLSWgWJ/cM4FzKgfOGWIRc2/4QvPuuSfLXjc2N5/pQWTAnR0hIjWjUzBRMB0G\n" +
        "A1UdDgQWBBTqWthawI9Exnbz1JbA31JqvFUgfDAfBgNVHSMEGDAWgBTqWthawI9E\n" +
        "xnbz1JbA31JqvFUgfDAPBgNVHRMBAf8EBTADAQH/MAkGByqGSM49BAEDRwAwRAIg\n" +
        "R93Me756rNfsZH0ViVAy2lO6wNfMOq4F8bJQ7KNVcWACIClTcQ0LDr2DE4VTvB75\n" +
        "673IZxWC9L1imjS/gpbMzpFB\n" +
        "-----END CERTIFICATE-----\n" +
        "";

    private const string Sha256OfEcdsaWithSha1Certificate = "9f15f234a2674489ee0d5d4105e3082b57a2c9ad35c0b95156ec5199c2df29d7";

    [Fact]
    public void ASha1SignedCertificateIsHashedWithSha256AsRfc5929Requires()
    {
        using var certificate = X509Certificate2.CreateFromPem(EcdsaWithSha1Certificate);

        Assert.Equal("1.2.840.10045.4.1", certificate.SignatureAlgorithm.Value);
        Assert.Equal(Sha256OfEcdsaWithSha1Certificate, Convert.ToHexStringLower(TlsServerEndPoint.Compute(certificate)));
    }

    [Fact]
    public void APssSignedCertificateIsNotSupported()
    {
        using var certificate = RsaCertificate(HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        Assert.Throws<NotSupportedException>(() => TlsServerEndPoint.Compute(certificate));
    }
}
