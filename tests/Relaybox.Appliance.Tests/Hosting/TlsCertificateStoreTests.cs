using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relaybox.Appliance.Hosting;

namespace Relaybox.Appliance.Tests.Hosting;

/// <summary>The [tls] pair as the CLI and the console change it: checked completely before any file is written.</summary>
public sealed class TlsCertificateStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("rbx-tls-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string CertPath => Path.Combine(directory, "cert.pem");

    private string KeyPath => Path.Combine(directory, "key.pem");

    private TlsCertificateStore Store() => new(CertPath, KeyPath, "relay.test", TimeProvider.System);

    [Fact]
    public void ANewSelfSignedPairIsDescribedWithTheFingerprintOfTheFile()
    {
        var made = Store().GenerateSelfSigned();

        Assert.True(made.Succeeded, made.Problem);
        using var onDisk = X509Certificate2.CreateFromPemFile(CertPath, KeyPath);
        var described = Store().Describe();
        Assert.Equal(ServerCertificate.Fingerprint(onDisk), described.Certificate!.Fingerprint);
        Assert.Equal("CN=relay.test", described.Certificate.Subject);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
    }

    [Fact]
    public void ReplacingThePairKeepsTheOldOneAsBak()
    {
        Store().GenerateSelfSigned();
        string oldCert = File.ReadAllText(CertPath);
        string oldKey = File.ReadAllText(KeyPath);

        var second = Store().GenerateSelfSigned();

        Assert.True(second.Succeeded);
        Assert.Equal(oldCert, File.ReadAllText(CertPath + ".bak"));
        Assert.Equal(oldKey, File.ReadAllText(KeyPath + ".bak"));
        Assert.NotEqual(oldCert, File.ReadAllText(CertPath));
    }

    [Fact]
    public void AKeyThatDoesNotBelongToTheCertificateIsRefusedAndTheFilesStayAsTheyWere()
    {
        Store().GenerateSelfSigned();
        string before = File.ReadAllText(CertPath);
        var (certPem, _) = ServerCertificate.CreateSelfSigned("other.test", TimeProvider.System);
        var (_, otherKey) = ServerCertificate.CreateSelfSigned("other.test", TimeProvider.System);

        var result = Store().Install(certPem, otherKey);

        Assert.False(result.Succeeded);
        Assert.Equal("the key does not belong to the certificate", result.Problem);
        Assert.Equal(before, File.ReadAllText(CertPath));
        Assert.False(File.Exists(CertPath + ".bak"));
    }

    [Fact]
    public void AnExpiredCertificateIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=old.test", key, HashAlgorithmName.SHA256);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

        var result = Store().Install(expired.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());

        Assert.False(result.Succeeded);
        Assert.StartsWith("the certificate expired on ", result.Problem);
        Assert.False(File.Exists(CertPath));
    }

    [Theory]
    [InlineData("not a certificate", "no certificate found")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "no certificate found")]
    public void TextThatIsNoCertificateIsRefused(string certPem, string expected)
    {
        var (_, keyPem) = ServerCertificate.CreateSelfSigned("relay.test", TimeProvider.System);

        var result = Store().Install(certPem, keyPem);

        Assert.StartsWith(expected, result.Problem);
    }

    [Fact]
    public void AnRsaPairWithItsChainPastedWithCrLfIsInstalled()
    {
        using var caKey = RSA.Create(2048);
        using var ca = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) { CertificateExtensions = { new X509BasicConstraintsExtension(true, false, 0, true) } }
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = RSA.Create(2048);
        using var leaf = new CertificateRequest("CN=relay.test", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(20), [1, 2, 3, 4]);
        string chain = (leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem()).Replace("\n", "\r\n");

        var result = Store().Install(chain, leafKey.ExportPkcs8PrivateKeyPem());

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(ServerCertificate.Fingerprint(leaf), result.Certificate!.Fingerprint);
        Assert.DoesNotContain('\r', File.ReadAllText(CertPath));
        var stored = new X509Certificate2Collection();
        stored.ImportFromPemFile(CertPath);
        Assert.Equal(["CN=relay.test", "CN=Test CA"], stored.Select(c => c.Subject));
    }

    [Fact]
    public void DescribingWithoutACertificateSaysWhere()
    {
        var result = Store().Describe();

        Assert.False(result.Succeeded);
        Assert.Contains(CertPath, result.Problem);
    }
}
