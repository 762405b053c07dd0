using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// What SCRAM shows for a login that has no usable verifier: a salt derived from a per-process secret and
/// the login, so asking twice gives the same plausible answer and probing logins learns nothing
/// (the approach RFC 5802 section 9 hints at and Dovecot/Cyrus take).
/// </summary>
internal static class ScramDecoy
{
    private const int SaltBytes = 16;

    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    public static byte[] Salt(ScramAlgorithm algorithm, string login)
    {
        byte[] tag = HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(algorithm + "\0" + login));
        return tag[..SaltBytes];
    }
}
