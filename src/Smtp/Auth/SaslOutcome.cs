namespace Relaybox.Smtp.Auth;

public enum SaslOutcome
{
    /// <summary>Send the challenge as "334 base64" and wait for the client's next response.</summary>
    Challenge,
    /// <summary>Authenticated: answer 235; <see cref="SaslServerMechanism.AuthenticatedLogin"/> is set.</summary>
    Success,
    /// <summary>Refused: the reason picks the reply (RFC 4954 section 6).</summary>
    Failure,
}
