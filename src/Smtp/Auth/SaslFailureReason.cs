namespace Relaybox.Smtp.Auth;

/// <summary>Why an exchange failed. The SMTP layer maps each to exactly one reply.</summary>
public enum SaslFailureReason
{
    None,
    /// <summary>The client's message does not follow the mechanism's syntax (501 5.5.2).</summary>
    MalformedResponse,
    /// <summary>Unknown user or wrong password: the same 535 5.7.8 for both, never telling which.</summary>
    InvalidCredentials,
    /// <summary>An authorization identity other than the login itself (535 5.7.8).</summary>
    AuthorizationIdentityRefused,
    /// <summary>The -PLUS channel binding did not match this TLS connection (535 5.7.8).</summary>
    ChannelBindingMismatch,
    /// <summary>The user's record holds no secret this mechanism can use, e.g. CRAM-MD5 without a stored secret (535 5.7.8).</summary>
    CredentialsUnusable,
}
