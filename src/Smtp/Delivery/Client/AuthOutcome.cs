namespace Relaybox.Smtp.Delivery.Client;

/// <summary>How AUTH to the upstream ended (RFC 4954 section 6).</summary>
public enum AuthOutcome
{
    /// <summary>No credentials were configured, or the attempt ended before AUTH.</summary>
    NotAttempted,

    /// <summary>235.</summary>
    Accepted,

    /// <summary>535 (or another 5yz): the login or password is wrong — the owner must be told; retrying will not help.</summary>
    Refused,

    /// <summary>454 (or another 4yz): a temporary failure on the server's side.</summary>
    Temporary,

    /// <summary>No mechanism both sides have that is allowed on this connection (PLAIN/LOGIN need TLS).</summary>
    NoCommonMechanism,

    /// <summary>SCRAM: the server's signature was wrong or missing — it does not know this user's verifier.</summary>
    ServerNotVerified,
}
