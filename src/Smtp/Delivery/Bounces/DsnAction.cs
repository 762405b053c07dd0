namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>The action-value of an RFC 3464 per-recipient block (section 2.3.3). "expanded" is not used: relaybox has no lists.</summary>
public enum DsnAction
{
    /// <summary>The message could not be delivered and will not be retried.</summary>
    Failed,

    /// <summary>Not delivered yet; still being retried (a delay warning).</summary>
    Delayed,

    /// <summary>Delivered to the recipient's mailbox (relaybox never is the final hop, so rarely used).</summary>
    Delivered,

    /// <summary>Handed to a next hop that does not return DSNs itself.</summary>
    Relayed,
}
