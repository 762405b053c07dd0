using System.Security.Cryptography;

namespace Relaybox.Smtp.Auth;

/// <summary>Random printable nonces for challenge-response mechanisms (SCRAM, CRAM-MD5, DIGEST-MD5).</summary>
public static class SaslNonce
{
    /// <summary>18 random bytes (144 bits) as base64: printable, no ',' (RFC 5802 section 5.1 "r=").</summary>
    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}
