using Relaybox.Smtp.Protocol;

namespace Relaybox.Smtp.Queue;

/// <summary>One RCPT TO with its RFC 3461 parameters (NOTIFY, ORCPT as "addr-type;xtext-value").</summary>
public sealed record EnvelopeRecipient(string Address, DsnNotify Notify, string? OriginalRecipient);
