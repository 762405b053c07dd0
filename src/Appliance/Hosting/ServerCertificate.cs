using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Relaybox.Smtp.Storage;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The server's TLS certificate: loaded from the configured PEM pair, or, when both files are absent,
/// a self-signed ECDSA P-256 pair generated on first start (the owner can replace it later; SIGHUP reloads).
/// </summary>
public static class ServerCertificate
{
    /// <summary>Validity of a generated certificate: long, because nobody renews a box on a shelf by hand.</summary>
    private static readonly TimeSpan GeneratedValidity = TimeSpan.FromDays(3650);

    public static CertificateLoadResult LoadOrCreate(string certPath, string keyPath, string hostname, TimeProvider time)
    {
        bool certExists = File.Exists(certPath);
        bool keyExists = File.Exists(keyPath);
        if (!certExists && !keyExists)
        {
            Generate(certPath, keyPath, hostname, time);
            return new CertificateLoadResult(Load(certPath, keyPath), Generated: true);
        }

        if (certExists != keyExists)
        {
            throw new CertificateException(certExists
                ? $"TLS key {keyPath} is missing but certificate {certPath} exists: restore the key, or remove both to have a new pair generated"
                : $"TLS certificate {certPath} is missing but key {keyPath} exists: restore the certificate, or remove both to have a new pair generated");
        }

        return new CertificateLoadResult(Load(certPath, keyPath), Generated: false);
    }

    /// <summary>Read by everyone: the certificate is what every client is shown anyway.</summary>
    public const UnixFileMode CertificateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The key stays with relaybox's own user.</summary>
    public const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes a new self-signed pair, replacing any existing files (factory reset, console "new key").</summary>
    public static void Generate(string certPath, string keyPath, string hostname, TimeProvider time)
    {
        var (certPem, keyPem) = CreateSelfSigned(hostname, time);
        WritePair(certPath, keyPath, certPem, keyPem);
    }

    /// <summary>A new self-signed ECDSA P-256 certificate for <paramref name="hostname"/> and its key, as PEM text.</summary>
    public static (string CertificatePem, string KeyPem) CreateSelfSigned(string hostname, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostname}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostname);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + GeneratedValidity);
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Writes a key and its certificate, each atomically (SafeFile), the key first.</summary>
    public static void WritePair(string certPath, string keyPath, string certPem, string keyPem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certPath))!);
        // Key first: a crash between the two writes leaves a key without a certificate, which the next
        // start reports instead of silently pairing a new certificate with a stale key.
        SafeFile.Default.WriteAllBytes(keyPath, Encoding.ASCII.GetBytes(keyPem), KeyMode);
        SafeFile.Default.WriteAllBytes(certPath, Encoding.ASCII.GetBytes(certPem), CertificateMode);
    }

    public static X509Certificate2 Load(string certPath, string keyPath)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            // SslStream on Linux wants a certificate whose key is not ephemeral: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new CertificateException($"cannot load TLS certificate {certPath} with key {keyPath}: {e.Message}");
        }
    }

    /// <summary>SHA-256 fingerprint as colon-separated hex, the form openssl and mail clients show.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);
}
