using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// The "tls-server-end-point" channel-binding data (RFC 5929 section 4.1): a hash of the server's DER
/// certificate, with the hash function of the certificate's signature algorithm, except that MD5 and
/// SHA-1 are replaced by SHA-256.
/// </summary>
public static class TlsServerEndPoint
{
    /// <exception cref="NotSupportedException">
    /// The signature algorithm names no hash RFC 5929 can use (e.g. RSASSA-PSS, whose hash sits in parameters,
    /// or Ed25519): such a certificate cannot offer SCRAM-SHA-256-PLUS.
    /// </exception>
    public static byte[] Compute(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string oid = certificate.SignatureAlgorithm.Value ?? "";
        return HashFor(oid) switch
        {
            "SHA384" => SHA384.HashData(certificate.RawData),
            "SHA512" => SHA512.HashData(certificate.RawData),
            "SHA256" => SHA256.HashData(certificate.RawData),
            _ => throw new NotSupportedException(
                $"tls-server-end-point is not defined for certificates signed with {certificate.SignatureAlgorithm.FriendlyName ?? oid}"),
        };
    }

    /// <summary>Signature algorithm OID to the hash RFC 5929 section 4.1 prescribes (MD5 and SHA-1 become SHA-256).</summary>
    private static string? HashFor(string signatureAlgorithmOid) => signatureAlgorithmOid switch
    {
        "1.2.840.113549.1.1.4" => "SHA256",  // md5WithRSAEncryption
        "1.2.840.113549.1.1.5" => "SHA256",  // sha1WithRSAEncryption
        "1.2.840.113549.1.1.11" => "SHA256", // sha256WithRSAEncryption
        "1.2.840.113549.1.1.12" => "SHA384", // sha384WithRSAEncryption
        "1.2.840.113549.1.1.13" => "SHA512", // sha512WithRSAEncryption
        "1.2.840.10045.4.1" => "SHA256",     // ecdsa-with-SHA1
        "1.2.840.10045.4.3.2" => "SHA256",   // ecdsa-with-SHA256
        "1.2.840.10045.4.3.3" => "SHA384",   // ecdsa-with-SHA384
        "1.2.840.10045.4.3.4" => "SHA512",   // ecdsa-with-SHA512
        "1.2.840.10040.4.3" => "SHA256",     // dsa-with-sha1
        "2.16.840.1.101.3.4.3.2" => "SHA256", // dsa-with-sha256
        _ => null,
    };
}
