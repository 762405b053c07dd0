namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// The client side of one SASL mechanism for one AUTH exchange (RFC 4954). The SMTP layer owns base64 and
/// the 334/235/535 replies; a mechanism sees decoded challenges and returns decoded responses.
/// </summary>
public abstract class SaslClientMechanism
{
    /// <summary>The IANA mechanism name, e.g. "SCRAM-SHA-256".</summary>
    public abstract string Name { get; }

    /// <summary>True for mechanisms that reveal the password to anyone reading the connection.</summary>
    public virtual bool SendsPasswordInClear => false;

    /// <summary>The initial response sent on the AUTH line (RFC 4954 section 4), or null to wait for a challenge.</summary>
    public abstract byte[]? InitialResponse();

    /// <summary>The answer to a server challenge; null when the challenge is unacceptable (the exchange is cancelled with "*").</summary>
    public abstract byte[]? Respond(ReadOnlySpan<byte> challenge);

    /// <summary>
    /// Whether the server proved itself when it said 235. Only SCRAM has such a proof (RFC 5802 section 3:
    /// the ServerSignature); the other mechanisms trust the 235.
    /// </summary>
    public virtual bool ServerVerified => true;
}
