namespace Relaybox.Smtp.Auth;

/// <summary>
/// Which secrets <see cref="UserRecord.Create"/> stores besides the SCRAM-SHA-256 verifier, and how hard
/// the verifiers are to brute-force. Derived from the configured mechanisms.
/// </summary>
public sealed record CredentialOptions
{
    /// <summary>RFC 7677 section 4: the iteration count SHOULD be at least 4096 for SCRAM-SHA-256.</summary>
    public const int DefaultIterations = 4096;

    public static CredentialOptions Default { get; } = new();

    /// <summary>PBKDF2 iterations for new verifiers.</summary>
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>Also store a SCRAM-SHA-1 verifier (SCRAM-SHA-1 is enabled).</summary>
    public bool StoreScramSha1 { get; init; }

    /// <summary>Also store a plaintext-equivalent secret (CRAM-MD5 or DIGEST-MD5 is enabled).</summary>
    public bool StorePlaintextEquivalent { get; init; }

    /// <summary>The options the enabled mechanisms need: each stores only the secrets something will use.</summary>
    public static CredentialOptions ForMechanisms(IEnumerable<string> enabledMechanisms, int iterations = DefaultIterations)
    {
        bool scramSha1 = false;
        bool plaintextEquivalent = false;
        foreach (string name in enabledMechanisms)
        {
            scramSha1 |= string.Equals(name, SaslMechanisms.ScramSha1, StringComparison.OrdinalIgnoreCase);
            plaintextEquivalent |= SaslMechanisms.NeedsPlaintextEquivalent(name);
        }

        return new CredentialOptions { Iterations = iterations, StoreScramSha1 = scramSha1, StorePlaintextEquivalent = plaintextEquivalent };
    }
}
