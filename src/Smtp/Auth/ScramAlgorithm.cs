namespace Relaybox.Smtp.Auth;

/// <summary>The hash a SCRAM mechanism and its stored verifier are built on.</summary>
public enum ScramAlgorithm
{
    /// <summary>SCRAM-SHA-1, RFC 5802.</summary>
    Sha1,
    /// <summary>SCRAM-SHA-256 and SCRAM-SHA-256-PLUS, RFC 7677.</summary>
    Sha256,
}
