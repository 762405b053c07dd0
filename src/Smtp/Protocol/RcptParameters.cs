namespace Relaybox.Smtp.Protocol;

/// <summary>
/// A parsed RCPT command with its RFC 3461 parameters. <see cref="OriginalRecipient"/> is the ORCPT value as
/// received, "addr-type;xtext" (validated).
/// </summary>
public sealed record RcptParameters(MailboxAddress Recipient, DsnNotify Notify, string? OriginalRecipient);
