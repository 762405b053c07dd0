namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>What <see cref="SenderRewriter.RewriteFromField"/> did with the From field, for the delivery log.</summary>
public enum FromRewrite
{
    Rewritten,

    /// <summary>No map, or no entry for the From address.</summary>
    NoMapping,

    /// <summary>The From address is already the mapped one (a second pass, or a device that got it right).</summary>
    AlreadyMapped,

    NullSender,

    NoFromField,

    /// <summary>A group, several mailboxes, or a value relaybox cannot read safely.</summary>
    NotOneMailbox,

    /// <summary>The rewritten field would exceed the 998-octet line limit.</summary>
    TooLong,

    /// <summary>The header section was larger than the limit and was passed on unread.</summary>
    HeaderNotRead,
}
