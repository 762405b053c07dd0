namespace Relaybox.Smtp.Protocol;

/// <summary>
/// Why a command line was refused before any session state was consulted. <see cref="Replies.For(CommandError)"/>
/// maps each to exactly one reply.
/// </summary>
public enum CommandError
{
    None,
    /// <summary>Not a verb relaybox knows (500 5.5.1).</summary>
    UnknownCommand,
    /// <summary>Longer than the command line limit (500 5.5.2); the rest of the line is discarded.</summary>
    LineTooLong,
    /// <summary>The line ended in LF without CR (500 5.5.2): RFC 5321 section 2.3.8 requires CRLF.</summary>
    BareLineFeed,
    /// <summary>A NUL, a bare CR or another control character in the command (500 5.5.2).</summary>
    BadCharacter,
    /// <summary>HELO/EHLO without a domain (501 5.5.4).</summary>
    HeloSyntax,
    /// <summary>MAIL not in the form "MAIL FROM:&lt;path&gt; [params]" (501 5.5.4).</summary>
    MailSyntax,
    /// <summary>RCPT not in the form "RCPT TO:&lt;path&gt; [params]" (501 5.5.4).</summary>
    RcptSyntax,
    /// <summary>An argument after DATA, RSET, QUIT or STARTTLS (501 5.5.4).</summary>
    UnexpectedArgument,
    /// <summary>BDAT without a valid size, or with something other than LAST after it (501 5.5.4).</summary>
    BdatSyntax,
    /// <summary>AUTH without a mechanism name (501 5.5.4).</summary>
    AuthSyntax,
    /// <summary>The AUTH initial response is not base64 (501 5.5.2, RFC 4954 section 4).</summary>
    AuthBadBase64,
    /// <summary>The reverse-path is not a mailbox (501 5.1.7).</summary>
    BadSenderAddress,
    /// <summary>The forward-path is not a mailbox (501 5.1.3).</summary>
    BadRecipientAddress,
    /// <summary>A non-ASCII address without SMTPUTF8 (553 5.6.7, RFC 6531 section 3.5).</summary>
    NonAsciiAddress,
    /// <summary>A MAIL/RCPT parameter relaybox does not support (555 5.5.4, RFC 5321 section 4.1.1.11).</summary>
    UnknownParameter,
    /// <summary>A known parameter with a value outside its syntax (501 5.5.4).</summary>
    InvalidParameterValue,
    /// <summary>The same parameter twice (501 5.5.4).</summary>
    DuplicateParameter,
}
