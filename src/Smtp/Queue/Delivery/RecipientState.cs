namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// The delivery state of one envelope recipient, in envelope order. The last reply is what the console
/// shows and what a DSN quotes (RFC 3464 section 2.3.6 Diagnostic-Code, 2.3.7 Remote-MTA).
/// </summary>
/// <param name="Address">The envelope recipient this state belongs to; checked against the envelope on load.</param>
/// <param name="ReplyCode">The last SMTP reply code for this recipient (e.g. 451); null before any reply.</param>
/// <param name="EnhancedCode">The RFC 3463 status of that reply ("4.2.2"), when the remote side sent one or it was derived.</param>
/// <param name="ReplyText">The text of that reply, or a local reason (e.g. "connection refused").</param>
/// <param name="RemoteHost">The host that gave the reply, as a DSN's Remote-MTA names it.</param>
/// <param name="BounceSent">
/// For a failed recipient: its failure DSN has been queued, so a restart does not bounce it again.
/// </param>
public sealed record RecipientState(
    string Address,
    RecipientStatus Status,
    int? ReplyCode = null,
    string? EnhancedCode = null,
    string? ReplyText = null,
    string? RemoteHost = null,
    bool BounceSent = false)
{
    /// <summary>Delivered and failed recipients are done; pending and deferred ones still need an attempt.</summary>
    public bool IsFinal => Status is RecipientStatus.Delivered or RecipientStatus.Failed;
}
