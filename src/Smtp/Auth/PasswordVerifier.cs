using System.Security.Cryptography;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// Checks a clear-text password (PLAIN, LOGIN) against whatever secret a user record holds. An unknown
/// user costs the same PBKDF2 work as a known one, so response time does not reveal which logins exist.
/// </summary>
internal static class PasswordVerifier
{
    private static readonly Lazy<ScramVerifier> Decoy = new(() => ScramVerifier.Derive(
        ScramAlgorithm.Sha256, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16), CredentialOptions.DefaultIterations));

    public static SaslFailureReason Verify(UserRecord? user, ReadOnlySpan<byte> password)
    {
        if (user is null)
        {
            _ = Decoy.Value.Matches(password);
            return SaslFailureReason.InvalidCredentials;
        }

        bool matches;
        if (user.ScramSha256 is { } sha256)
        {
            matches = sha256.Matches(password);
        }
        else if (user.ScramSha1 is { } sha1)
        {
            matches = sha1.Matches(password);
        }
        else if (user.CryptHash is { } hash)
        {
            matches = CryptHashVerifier.Verify(hash, password);
        }
        else if (user.PlaintextEquivalent is { } secret)
        {
            matches = CryptographicOperations.FixedTimeEquals(secret.Span, password);
        }
        else
        {
            return SaslFailureReason.CredentialsUnusable;
        }

        return matches ? SaslFailureReason.None : SaslFailureReason.InvalidCredentials;
    }
}
