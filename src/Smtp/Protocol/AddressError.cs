namespace Relaybox.Smtp.Protocol;

/// <summary>Why a path did not parse; the SMTP layer maps each to one reply.</summary>
public enum AddressError
{
    None,
    /// <summary>Not an RFC 5321 path (501 5.1.3 for RCPT, 501 5.1.7 for MAIL).</summary>
    Syntax,
    /// <summary>Longer than RFC 5321 section 4.5.3.1 allows (501 5.1.3 / 5.1.7).</summary>
    TooLong,
    /// <summary>Non-ASCII characters in a transaction without SMTPUTF8 (553 5.6.7, RFC 6531 section 3.5).</summary>
    NonAsciiWithoutSmtpUtf8,
}
