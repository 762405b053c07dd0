namespace Relaybox.Smtp.Auth;

/// <summary>SCRAM-SHA-1 (RFC 5802). Kept for older clients; stores its own SHA-1 verifier.</summary>
public sealed class ScramSha1Mechanism(SaslContext context) : ScramMechanism(context, ScramAlgorithm.Sha1, bindsChannel: false)
{
    public override string Name => SaslMechanisms.ScramSha1;
}
