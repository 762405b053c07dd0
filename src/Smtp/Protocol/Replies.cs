namespace Relaybox.Smtp.Protocol;

/// <summary>
/// Every reply relaybox sends, pre-encoded once. Texts are plain and searchable (Postfix wording where Postfix
/// has one). Enhanced status codes (RFC 2034, RFC 3463) on everything except the greeting, the HELO/EHLO
/// answers and the 334/354 intermediate replies, which RFC 2034 section 3 exempts.
/// Replies that carry a variable (host name, queue id, octet count) are made by the methods below.
/// </summary>
public static class Replies
{
    // --- positive completion ---
    public static SmtpReply Ok { get; } = new(250, "2.0.0", "Ok");
    public static SmtpReply SenderOk { get; } = new(250, "2.1.0", "Ok");
    public static SmtpReply RecipientOk { get; } = new(250, "2.1.5", "Ok");
    public static SmtpReply Bye { get; } = new(221, "2.0.0", "Bye", closeConnection: true);
    public static SmtpReply CannotVerify { get; } = new(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    public static SmtpReply Help { get; } = new(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH");
    public static SmtpReply ReadyToStartTls { get; } = new(220, "2.0.0", "Ready to start TLS");
    public static SmtpReply AuthSucceeded { get; } = new(235, "2.7.0", "Authentication successful");

    // --- intermediate ---
    public static SmtpReply StartMailInput { get; } = new(354, null, "End data with <CR><LF>.<CR><LF>");

    // --- syntax (RFC 5321 section 4.2.2, RFC 3463 X.5.x) ---
    public static SmtpReply UnknownCommand { get; } = new(500, "5.5.1", "Error: command not recognized");
    public static SmtpReply LineTooLong { get; } = new(500, "5.5.2", "Error: line too long");
    public static SmtpReply BareLineFeed { get; } = new(500, "5.5.2", "Error: bare <LF> received");
    public static SmtpReply BadCharacter { get; } = new(500, "5.5.2", "Error: bad character in command");
    public static SmtpReply HeloSyntax { get; } = new(501, "5.5.4", "Syntax: EHLO hostname");
    public static SmtpReply MailSyntax { get; } = new(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    public static SmtpReply RcptSyntax { get; } = new(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static SmtpReply UnexpectedArgument { get; } = new(501, "5.5.4", "Syntax error: this command takes no argument");
    public static SmtpReply BdatSyntax { get; } = new(501, "5.5.4", "Syntax: BDAT size [LAST]");
    public static SmtpReply AuthSyntax { get; } = new(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    public static SmtpReply BadSenderAddress { get; } = new(501, "5.1.7", "Bad sender address syntax");
    public static SmtpReply BadRecipientAddress { get; } = new(501, "5.1.3", "Bad recipient address syntax");
    public static SmtpReply NonAsciiAddress { get; } = new(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
    public static SmtpReply UnknownParameter { get; } = new(555, "5.5.4", "Unsupported parameter");
    public static SmtpReply InvalidParameterValue { get; } = new(501, "5.5.4", "Invalid parameter value");
    public static SmtpReply DuplicateParameter { get; } = new(501, "5.5.4", "Duplicate parameter");

    // --- sequence (503 5.5.1) ---
    public static SmtpReply NeedHelo { get; } = new(503, "5.5.1", "Error: send HELO/EHLO first");
    public static SmtpReply NestedMail { get; } = new(503, "5.5.1", "Error: nested MAIL command");
    public static SmtpReply NeedMail { get; } = new(503, "5.5.1", "Error: need MAIL command");
    public static SmtpReply NeedRcpt { get; } = new(503, "5.5.1", "Error: need RCPT command");
    public static SmtpReply DataAfterBdat { get; } = new(503, "5.5.1", "Error: DATA and BDAT cannot be mixed");
    public static SmtpReply BinaryMimeNeedsBdat { get; } = new(503, "5.5.1", "Error: BODY=BINARYMIME requires BDAT");
    public static SmtpReply TlsAlreadyActive { get; } = new(503, "5.5.1", "Error: TLS already active");
    public static SmtpReply AlreadyAuthenticated { get; } = new(503, "5.5.1", "Error: already authenticated");
    public static SmtpReply AuthInTransaction { get; } = new(503, "5.5.1", "Error: MAIL transaction in progress");

    // --- TLS and AUTH (RFC 3207, RFC 4954 section 6) ---
    public static SmtpReply TlsNotAvailable { get; } = new(454, "4.7.0", "TLS not available due to local problem");
    public static SmtpReply AuthNotAvailable { get; } = new(502, "5.5.1", "Error: authentication not enabled");
    public static SmtpReply EncryptionRequired { get; } = new(538, "5.7.11", "Encryption required for requested authentication mechanism");
    public static SmtpReply AuthRequired { get; } = new(530, "5.7.0", "Authentication required");
    public static SmtpReply UnknownMechanism { get; } = new(504, "5.5.4", "Unrecognized authentication type");
    public static SmtpReply AuthCancelled { get; } = new(501, "5.0.0", "Authentication cancelled");
    public static SmtpReply AuthBadBase64 { get; } = new(501, "5.5.2", "Cannot decode response");
    public static SmtpReply AuthFailed { get; } = new(535, "5.7.8", "Authentication credentials invalid");
    /// <summary>
    /// An address locked out by the failure throttle. 454 4.7.0 (RFC 4954 section 6, "temporary authentication
    /// failure") keeps the connection, so a legitimate client sharing the address retries later; the error
    /// limit still ends a session that keeps trying.
    /// </summary>
    public static SmtpReply AuthLockedOut { get; } = new(454, "4.7.0", "Too many authentication failures, try again later");

    // --- message and transaction limits ---
    public static SmtpReply MessageTooBig { get; } = new(552, "5.3.4", "Message size exceeds fixed limit");
    public static SmtpReply TooManyRecipients { get; } = new(452, "4.5.3", "Error: too many recipients");
    /// <summary>
    /// Bare CR or LF in DATA: refused, never repaired (SMTP smuggling, like Postfix smtpd_forbid_bare_newline).
    /// 554 5.5.2: permanent, because resending the same bytes can only fail again.
    /// </summary>
    public static SmtpReply BareNewlineInData { get; } = new(554, "5.5.2", "Error: bare <CR> or <LF> in message data");
    public static SmtpReply QueueWriteError { get; } = new(451, "4.3.0", "Error: queue file write error");

    // --- relay policy ---
    public static SmtpReply RelayAccessDenied { get; } = new(554, "5.7.1", "Relay access denied");
    public static SmtpReply SenderLoginMismatch { get; } = new(553, "5.7.1", "Sender address rejected: not owned by user");
    public static SmtpReply QuotaExceeded { get; } = new(452, "4.7.1", "Sending quota exceeded, try again later");
    public static SmtpReply AccessDenied { get; } = new(554, "5.7.1", "Access denied");
    public static SmtpReply RoutingSyntaxRefused { get; } = new(550, "5.7.1", "Routing syntax in address refused");
    public static SmtpReply TryAgainLater { get; } = new(450, "4.7.1", "Try again later");

    // --- closing (421 ends the session, RFC 5321 section 3.8) ---
    public static SmtpReply Timeout { get; } = new(421, "4.4.2", "Error: timeout exceeded", closeConnection: true);
    public static SmtpReply TooManyErrors { get; } = new(421, "4.7.0", "Error: too many errors", closeConnection: true);
    public static SmtpReply TooManyConnections { get; } = new(421, "4.7.0", "Error: too many connections", closeConnection: true);
    public static SmtpReply ShuttingDown { get; } = new(421, "4.3.2", "Service shutting down", closeConnection: true);

    /// <summary>Every fixed reply, for the catalog test and for documentation.</summary>
    public static IReadOnlyList<SmtpReply> All { get; } =
    [
        Ok, SenderOk, RecipientOk, Bye, CannotVerify, Help, ReadyToStartTls, AuthSucceeded, StartMailInput,
        UnknownCommand, LineTooLong, BareLineFeed, BadCharacter, HeloSyntax, MailSyntax, RcptSyntax, UnexpectedArgument,
        BdatSyntax, AuthSyntax, BadSenderAddress, BadRecipientAddress, NonAsciiAddress, UnknownParameter,
        InvalidParameterValue, DuplicateParameter, NeedHelo, NestedMail, NeedMail, NeedRcpt, DataAfterBdat,
        BinaryMimeNeedsBdat, TlsAlreadyActive, AlreadyAuthenticated, AuthInTransaction, TlsNotAvailable,
        AuthNotAvailable, EncryptionRequired, AuthRequired, UnknownMechanism, AuthCancelled, AuthBadBase64,
        AuthFailed, AuthLockedOut, MessageTooBig, TooManyRecipients, BareNewlineInData, QueueWriteError,
        RelayAccessDenied, SenderLoginMismatch, QuotaExceeded, AccessDenied, RoutingSyntaxRefused, TryAgainLater,
        Timeout, TooManyErrors, TooManyConnections, ShuttingDown,
    ];

    /// <summary>The greeting (RFC 5321 section 4.2): no version, no enhanced code (RFC 2034 section 3).</summary>
    public static SmtpReply Greeting(string hostName) => new(220, null, hostName + " ESMTP relaybox");

    /// <summary>The answer to HELO (RFC 5321 section 4.1.1.1).</summary>
    public static SmtpReply HeloAccepted(string hostName) => new(250, null, hostName);

    public static SmtpReply QueuedAs(string queueId) => new(250, "2.0.0", "Ok: queued as " + queueId);

    public static SmtpReply ChunkReceived(long octets) => new(250, "2.0.0", octets + " octets received");

    /// <summary>The EHLO answer: host name, then one line per keyword (RFC 5321 section 4.1.1.1).</summary>
    public static SmtpReply EhloAccepted(string hostName, IReadOnlyList<string> keywords) => new(250, null, [hostName, .. keywords]);

    /// <summary>An AUTH challenge: "334 " and the base64 text (RFC 4954 section 4). Written directly, not as an <see cref="SmtpReply"/>.</summary>
    public static byte[] AuthChallenge(ReadOnlySpan<byte> challenge)
    {
        var encoded = SaslBase64.Encode(challenge);
        var line = new byte[encoded.Length + 6];
        "334 "u8.CopyTo(line);
        encoded.CopyTo(line.AsSpan(4));
        line[^2] = (byte)'\r';
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>The one place a syntax error becomes a reply (Kestrel's RequestRejectionReason idea).</summary>
    public static SmtpReply For(CommandError error) => error switch
    {
        CommandError.UnknownCommand => UnknownCommand,
        CommandError.LineTooLong => LineTooLong,
        CommandError.BareLineFeed => BareLineFeed,
        CommandError.BadCharacter => BadCharacter,
        CommandError.HeloSyntax => HeloSyntax,
        CommandError.MailSyntax => MailSyntax,
        CommandError.RcptSyntax => RcptSyntax,
        CommandError.UnexpectedArgument => UnexpectedArgument,
        CommandError.BdatSyntax => BdatSyntax,
        CommandError.AuthSyntax => AuthSyntax,
        CommandError.AuthBadBase64 => AuthBadBase64,
        CommandError.BadSenderAddress => BadSenderAddress,
        CommandError.BadRecipientAddress => BadRecipientAddress,
        CommandError.NonAsciiAddress => NonAsciiAddress,
        CommandError.UnknownParameter => UnknownParameter,
        CommandError.InvalidParameterValue => InvalidParameterValue,
        CommandError.DuplicateParameter => DuplicateParameter,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "No reply for a command that parsed."),
    };

    /// <summary>Maps a relay policy refusal to its reply.</summary>
    public static SmtpReply For(Relay.RelayRejectReason reason) => reason switch
    {
        Relay.RelayRejectReason.RelayAccessDenied => RelayAccessDenied,
        Relay.RelayRejectReason.SenderLoginMismatch => SenderLoginMismatch,
        Relay.RelayRejectReason.QuotaExceeded => QuotaExceeded,
        Relay.RelayRejectReason.AccessDenied => AccessDenied,
        Relay.RelayRejectReason.RoutingSyntaxRefused => RoutingSyntaxRefused,
        _ => AccessDenied,
    };
}
