using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Tests.Delivery.Client;

/// <summary>A private CA and a server certificate it signed (names: localhost and 127.0.0.1), written as PEM files.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(string directory, byte[] leafSha256)
    {
        CaFile = Path.Combine(directory, "ca.pem");
        ChainFile = Path.Combine(directory, "server-chain.pem");
        KeyFile = Path.Combine(directory, "server-key.pem");
        LeafSha256 = leafSha256;
    }

    public string CaFile { get; }

    /// <summary>The server certificate followed by the CA certificate.</summary>
    public string ChainFile { get; }

    public string KeyFile { get; }

    public byte[] LeafSha256 { get; }

    public static TestCertificates Create(string directory)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=relaybox test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using X509Certificate2 leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(12));

        var files = new TestCertificates(directory, SHA256.HashData(leaf.RawData));
        File.WriteAllText(files.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(files.ChainFile, leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(files.KeyFile, leafKey.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
