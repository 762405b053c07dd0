namespace Relaybox.Smtp.Auth;

/// <summary>SCRAM-SHA-256-PLUS (RFC 7677, RFC 5802 section 6): SCRAM-SHA-256 bound to the TLS connection with tls-server-end-point (RFC 5929 section 4), so a man in the middle holding another certificate cannot relay the exchange.</summary>
public sealed class ScramSha256PlusMechanism(SaslContext context) : ScramMechanism(context, ScramAlgorithm.Sha256, bindsChannel: true)
{
    public override string Name => SaslMechanisms.ScramSha256Plus;
}
