using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Judges the upstream's certificate for one handshake and remembers why it refused, so that the
/// handshake exception becomes a typed <see cref="TlsFailureReason"/>.
/// </summary>
internal sealed class CertificateCheck(TlsPolicy policy, X509Certificate2Collection? privateAnchors)
{
    public TlsFailureReason Failure { get; private set; } = TlsFailureReason.HandshakeFailed;

    /// <summary>The leaf certificate (DER) the server presented, whatever the verdict: the connection test shows it.</summary>
    public byte[]? PeerCertificate { get; private set; }

    /// <summary>Loads the private CA file; null with a reason when it cannot serve as a trust anchor.</summary>
    public static X509Certificate2Collection? LoadAnchors(string caFile, out TlsFailureReason failure)
    {
        failure = TlsFailureReason.None;
        try
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(caFile);
            if (anchors.Count > 0)
            {
                return anchors;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
        }

        failure = TlsFailureReason.CaFileUnusable;
        return null;
    }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        PeerCertificate = certificate?.GetRawCertData();
        Failure = Judge(certificate, errors);
        return Failure == TlsFailureReason.None;
    }

    private TlsFailureReason Judge(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return TlsFailureReason.CertificateUntrusted;
        }

        using var leaf = new X509Certificate2(certificate);
        if (!policy.AcceptsFingerprint(SHA256.HashData(leaf.RawData)))
        {
            return TlsFailureReason.FingerprintMismatch;
        }

        if (!policy.VerifiesCertificate)
        {
            return TlsFailureReason.None; // RFC 7435: opportunistic and encrypt-only accept any certificate
        }

        bool trusted = privateAnchors is null
            ? (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0
            : ChainsToPrivateAnchor(leaf, privateAnchors);
        if (!trusted)
        {
            return TlsFailureReason.CertificateUntrusted;
        }

        // The runtime's name check (RFC 6125 rules: SAN dNSName and iPAddress, wildcards) against the target
        // host given to the handshake; independent of which anchors were used.
        return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 ? TlsFailureReason.NameMismatch : TlsFailureReason.None;
    }

    private static bool ChainsToPrivateAnchor(X509Certificate2 leaf, X509Certificate2Collection anchors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // A LAN CA publishes no revocation lists; the appliance may also be offline.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
