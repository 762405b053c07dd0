using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Tests.Delivery.Routing;

/// <summary>A self-signed server certificate for "localhost", as a home server or a misconfigured smarthost has: PEM files.</summary>
internal static class SelfSignedCertificate
{
    public static (string CertificateFile, string KeyFile) Create(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        string certificateFile = Path.Combine(directory, "self-signed.pem");
        string keyFile = Path.Combine(directory, "self-signed-key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
