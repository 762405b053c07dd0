namespace Relaybox.Smtp.Auth;

/// <summary>The mechanisms relaybox implements, what each needs, and the one place that creates them.</summary>
public static class SaslMechanisms
{
    public const string ScramSha256Plus = "SCRAM-SHA-256-PLUS";
    public const string ScramSha256 = "SCRAM-SHA-256";
    public const string ScramSha1 = "SCRAM-SHA-1";
    public const string DigestMd5 = "DIGEST-MD5";
    public const string CramMd5 = "CRAM-MD5";
    public const string Plain = "PLAIN";
    public const string Login = "LOGIN";

    /// <summary>Strongest first: the order EHLO lists them in, since many clients pick the first they know.</summary>
    public static IReadOnlyList<string> Known { get; } = [ScramSha256Plus, ScramSha256, ScramSha1, DigestMd5, CramMd5, Plain, Login];

    /// <summary>Mechanisms that send the password itself: refused by security_options = noplaintext.</summary>
    public static bool IsPlaintext(string name) => Is(name, Plain) || Is(name, Login);

    /// <summary>Mechanisms that work only with a stored plaintext-equivalent secret.</summary>
    public static bool NeedsPlaintextEquivalent(string name) => Is(name, CramMd5) || Is(name, DigestMd5);

    /// <summary>Mechanisms that need TLS channel-binding data, offered only on TLS connections.</summary>
    public static bool NeedsChannelBinding(string name) => Is(name, ScramSha256Plus);

    /// <summary>A fresh server-side exchange for <paramref name="name"/> (any case); null when relaybox does not know it.</summary>
    public static SaslServerMechanism? Create(string name, SaslContext context) => name.ToUpperInvariant() switch
    {
        ScramSha256Plus => new ScramSha256PlusMechanism(context),
        ScramSha256 => new ScramSha256Mechanism(context),
        ScramSha1 => new ScramSha1Mechanism(context),
        DigestMd5 => new DigestMd5Mechanism(context),
        CramMd5 => new CramMd5Mechanism(context),
        Plain => new PlainMechanism(context),
        Login => new LoginMechanism(context),
        _ => null,
    };

    private static bool Is(string name, string mechanism) => string.Equals(name, mechanism, StringComparison.OrdinalIgnoreCase);
}
