using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Relaybox.Appliance.Hosting;

/// <summary>
/// The [tls] certificate and key files as the owner manages them ("relaybox tls ...", the console's TLS menu):
/// describe the certificate, replace the pair with a new self-signed one, or install a pair the owner brings.
/// A pair is checked completely before anything is written; the old files are kept as <c>.bak</c>; each file is
/// written atomically (key first, see <see cref="ServerCertificate.WritePair"/>). The running daemon serves the
/// new pair after a reload. Every refusal is a value with a sentence for the owner.
/// </summary>
public sealed class TlsCertificateStore(string certPath, string keyPath, string hostname, TimeProvider time)
{
    /// <summary>Far above a certificate with its chain (a few KB); a pasted PEM beyond this is a mistake.</summary>
    public const int MaxPemLength = 64 * 1024;

    public const string BackupSuffix = ".bak";

    public string CertificatePath { get; } = certPath;

    public string KeyPath { get; } = keyPath;

    /// <summary>The certificate in the files now (without checking the key).</summary>
    public TlsChangeResult Describe()
    {
        if (!File.Exists(CertificatePath))
        {
            return TlsChangeResult.Refused($"no certificate at {CertificatePath} yet (relaybox makes a self-signed one at its first start)");
        }

        try
        {
            string pem = File.ReadAllText(CertificatePath);
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return TlsChangeResult.Done(TlsCertificateInfo.From(certificate, CertificatePath));
        }
        catch (CryptographicException e)
        {
            return TlsChangeResult.Refused($"{CertificatePath} holds no readable PEM certificate: {e.Message}");
        }
    }

    /// <summary>A new self-signed pair for the hostname, replacing the files (the old ones kept as .bak).</summary>
    public TlsChangeResult GenerateSelfSigned()
    {
        var (certPem, keyPem) = ServerCertificate.CreateSelfSigned(hostname, time);
        return Install(certPem, keyPem);
    }

    /// <summary>
    /// Installs <paramref name="certPem"/> (the server's certificate first, its chain may follow) with
    /// <paramref name="keyPem"/> (an unencrypted RSA or ECDSA private key) once they parse, belong together and
    /// are valid now.
    /// </summary>
    public TlsChangeResult Install(string certPem, string keyPem)
    {
        if (Check(certPem, keyPem, out var installed) is { } problem)
        {
            return TlsChangeResult.Refused(problem);
        }

        Backup(CertificatePath);
        Backup(KeyPath);
        ServerCertificate.WritePair(CertificatePath, KeyPath, Normalise(certPem), Normalise(keyPem));
        return TlsChangeResult.Done(installed! with { Path = CertificatePath });
    }

    /// <summary>Null when the pair is fit to serve; else the reason, naming the first thing wrong.</summary>
    private string? Check(string certPem, string keyPem, out TlsCertificateInfo? info)
    {
        info = null;
        if (certPem.Length > MaxPemLength || keyPem.Length > MaxPemLength)
        {
            return $"a PEM file is larger than {MaxPemLength / 1024} KiB: not a certificate or key";
        }

        if (!Ascii.IsValid(certPem) || !Ascii.IsValid(keyPem))
        {
            return "PEM text is plain ASCII; this is not PEM";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certPem);
        }
        catch (CryptographicException)
        {
            return "no certificate found: the certificate must be PEM text starting with -----BEGIN CERTIFICATE-----";
        }

        using (certificate)
        {
            if (!IsPrivateKey(keyPem))
            {
                return "no usable private key found: the key must be an unencrypted RSA or ECDSA key in PEM (-----BEGIN PRIVATE KEY-----)";
            }

            try
            {
                using var pair = X509Certificate2.CreateFromPem(certPem, keyPem);
                // The daemon serves it as PKCS#12 (see ServerCertificate.Load): the same round trip here, before any file changes.
                using var served = X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return "the key does not belong to the certificate";
            }

            var now = time.GetUtcNow();
            info = TlsCertificateInfo.From(certificate, CertificatePath);
            if (info.NotAfter <= now)
            {
                return $"the certificate expired on {info.NotAfter:yyyy-MM-dd}";
            }

            if (info.NotBefore > now)
            {
                return $"the certificate is not valid before {info.NotBefore:yyyy-MM-dd HH:mm} UTC";
            }
        }

        return null;
    }

    private static bool IsPrivateKey(string keyPem)
    {
        foreach (var algorithm in (ReadOnlySpan<Func<AsymmetricAlgorithm>>)[ECDsa.Create, RSA.Create])
        {
            using var key = algorithm();
            try
            {
                key.ImportFromPem(keyPem);
                return true;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // not this kind of key, or encrypted, or not a key at all
            }
        }

        return false;
    }

    /// <summary>The previous file as NAME.bak (atomic too), so a wrong install can be undone by hand.</summary>
    private static void Backup(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        Smtp.Storage.SafeFile.Default.WriteAllBytes(path + BackupSuffix, File.ReadAllBytes(path), mode);
    }

    /// <summary>Line ends as LF, one at the end: pasted text may come with CR LF or without the last line end.</summary>
    private static string Normalise(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
}
