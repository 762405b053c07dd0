namespace Relaybox.Smtp.Protocol;

/// <summary>
/// A parsed MAIL command. <see cref="Sender"/> is null for the null reverse-path "&lt;&gt;".
/// <see cref="EnvelopeId"/> is the ENVID xtext exactly as received (validated, RFC 3461 section 4.4), so it can be
/// passed on upstream and into DSNs unchanged.
/// </summary>
public sealed record MailParameters(
    MailboxAddress? Sender,
    long? DeclaredSize,
    BodyType Body,
    bool SmtpUtf8,
    DsnReturn Return,
    string? EnvelopeId);
