namespace Relaybox.Smtp.Auth;

/// <summary>SCRAM-SHA-256 (RFC 7677): the default mechanism; the verifier every user has.</summary>
public sealed class ScramSha256Mechanism(SaslContext context) : ScramMechanism(context, ScramAlgorithm.Sha256, bindsChannel: false)
{
    public override string Name => SaslMechanisms.ScramSha256;
}
