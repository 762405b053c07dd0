using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>The secrets of a user: which mechanisms can authenticate the user depends on which are present.</summary>
public sealed partial class UserRecord
{
    /// <summary>Salt size for new verifiers: 128 bits, as in RFC 7677 section 3's example.</summary>
    private const int SaltBytes = 16;

    /// <summary>Serves SCRAM-SHA-256(-PLUS), PLAIN and LOGIN. Every user created with a password has one.</summary>
    public ScramVerifier? ScramSha256 { get; init; }

    /// <summary>Serves SCRAM-SHA-1; stored only while SCRAM-SHA-1 is enabled.</summary>
    public ScramVerifier? ScramSha1 { get; init; }

    /// <summary>
    /// The UTF-8 password itself: CRAM-MD5 (RFC 2195) and DIGEST-MD5 (RFC 2831, whose realm is part of the
    /// hash) cannot work from anything less. Stored only while one of them is enabled.
    /// </summary>
    public ReadOnlyMemory<byte>? PlaintextEquivalent { get; init; }

    /// <summary>An imported crypt(3) hash ($6$, $5$, $y$, $2b$): serves PLAIN and LOGIN only.</summary>
    public string? CryptHash { get; init; }

    /// <summary>True when the record holds at least one secret, i.e. someone can log in as this user.</summary>
    public bool HasAnySecret => ScramSha256 is not null || ScramSha1 is not null || PlaintextEquivalent is not null || CryptHash is not null;

    /// <summary>A new user with the secrets <paramref name="options"/> asks for, each with a fresh random salt.</summary>
    /// <exception cref="ArgumentException">The login is not valid (see <see cref="LoginName"/>) or the password is empty.</exception>
    public static UserRecord Create(string login, string password, CredentialOptions options)
    {
        if (!LoginName.TryValidate(login, out string? problem))
        {
            throw new ArgumentException(problem, nameof(login));
        }

        ArgumentException.ThrowIfNullOrEmpty(password);
        byte[] secret = Encoding.UTF8.GetBytes(password);
        try
        {
            return new UserRecord
            {
                Login = login,
                ScramSha256 = ScramVerifier.Derive(ScramAlgorithm.Sha256, secret, RandomNumberGenerator.GetBytes(SaltBytes), options.Iterations),
                ScramSha1 = options.StoreScramSha1
                    ? ScramVerifier.Derive(ScramAlgorithm.Sha1, secret, RandomNumberGenerator.GetBytes(SaltBytes), options.Iterations)
                    : null,
                // Spelled out: a null byte[] would silently convert to an empty, non-null ReadOnlyMemory.
                PlaintextEquivalent = options.StorePlaintextEquivalent ? new ReadOnlyMemory<byte>(secret.ToArray()) : (ReadOnlyMemory<byte>?)null,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>A user imported from a Dovecot passwd-file or shadow line: the hash serves PLAIN and LOGIN.</summary>
    /// <exception cref="ArgumentException">The login is invalid or the hash is not a supported crypt(3) format.</exception>
    public static UserRecord FromCryptHash(string login, string hash)
    {
        if (!LoginName.TryValidate(login, out string? problem))
        {
            throw new ArgumentException(problem, nameof(login));
        }

        if (!CryptHashFormat.TryValidate(hash, out string? hashProblem))
        {
            throw new ArgumentException(hashProblem, nameof(hash));
        }

        return new UserRecord { Login = login, CryptHash = hash };
    }

    /// <summary>A copy with the same identity and policy but other secrets (used by password changes).</summary>
    public UserRecord WithSecretsOf(UserRecord other) => Combine(other, AllowedSenders, MessagesPerHour);

    /// <summary>A copy with the same secrets and other sending rules (senders it may use, hourly quota).</summary>
    public UserRecord WithSendingRules(IReadOnlyList<string> allowedSenders, int? messagesPerHour) =>
        Combine(this, allowedSenders, messagesPerHour);

    private UserRecord Combine(UserRecord secrets, IReadOnlyList<string> allowedSenders, int? messagesPerHour) => new()
    {
        Login = Login,
        AllowedSenders = allowedSenders,
        MessagesPerHour = messagesPerHour,
        ScramSha256 = secrets.ScramSha256,
        ScramSha1 = secrets.ScramSha1,
        PlaintextEquivalent = secrets.PlaintextEquivalent,
        CryptHash = secrets.CryptHash,
    };
}
