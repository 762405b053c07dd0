using System.Security.Cryptography;

namespace Relaybox.Smtp.Auth;

/// <summary>The primitives RFC 5802 section 2.2 names (H, HMAC, Hi), for either SCRAM hash.</summary>
internal static class ScramCrypto
{
    public static int HashLength(ScramAlgorithm algorithm) => algorithm switch
    {
        ScramAlgorithm.Sha1 => SHA1.HashSizeInBytes,
        _ => SHA256.HashSizeInBytes,
    };

    public static HashAlgorithmName HashName(ScramAlgorithm algorithm) => algorithm switch
    {
        ScramAlgorithm.Sha1 => HashAlgorithmName.SHA1,
        _ => HashAlgorithmName.SHA256,
    };

    public static byte[] Hash(ScramAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        ScramAlgorithm.Sha1 => SHA1.HashData(data),
        _ => SHA256.HashData(data),
    };

    public static byte[] Hmac(ScramAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => algorithm switch
    {
        ScramAlgorithm.Sha1 => HMACSHA1.HashData(key, data),
        _ => HMACSHA256.HashData(key, data),
    };

    /// <summary>Hi(password, salt, i): PBKDF2 with HMAC as the PRF and one hash-sized block (RFC 5802 section 2.2).</summary>
    public static byte[] SaltedPassword(ScramAlgorithm algorithm, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashName(algorithm), HashLength(algorithm));

    /// <summary>ClientKey = HMAC(SaltedPassword, "Client Key") (RFC 5802 section 3).</summary>
    public static byte[] ClientKey(ScramAlgorithm algorithm, ReadOnlySpan<byte> saltedPassword) =>
        Hmac(algorithm, saltedPassword, "Client Key"u8);

    /// <summary>ServerKey = HMAC(SaltedPassword, "Server Key") (RFC 5802 section 3).</summary>
    public static byte[] ServerKey(ScramAlgorithm algorithm, ReadOnlySpan<byte> saltedPassword) =>
        Hmac(algorithm, saltedPassword, "Server Key"u8);
}
