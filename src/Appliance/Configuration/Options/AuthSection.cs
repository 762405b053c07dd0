namespace Relaybox.Appliance.Configuration.Options;

/// <summary>[auth]: the user file (absolute path) and the SASL mechanisms in the order EHLO advertises them.</summary>
public sealed record AuthSection(
    string UsersFile,
    IReadOnlyList<SaslMechanismId> Mechanisms,
    SaslSecurityOptions SecurityOptions,
    bool BrokenClients)
{
    /// <summary>CRAM-MD5 and DIGEST-MD5 need a plaintext-equivalent secret stored per user.</summary>
    public bool NeedsPlaintextEquivalentSecrets =>
        Mechanisms.Contains(SaslMechanismId.CramMd5) || Mechanisms.Contains(SaslMechanismId.DigestMd5);

    /// <summary>The mechanisms left once security_options has removed what it refuses.</summary>
    public IReadOnlyList<SaslMechanismId> EffectiveMechanisms =>
        SecurityOptions.HasFlag(SaslSecurityOptions.NoPlaintext)
            ? Mechanisms.Where(m => m is not (SaslMechanismId.Plain or SaslMechanismId.Login)).ToArray()
            : Mechanisms;
}
