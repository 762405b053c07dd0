namespace Relaybox.Smtp.Delivery.Client;

/// <summary>What became of one recipient on one delivery attempt.</summary>
public enum RecipientOutcome
{
    /// <summary>The upstream took responsibility (2yz to RCPT and to the final ".").</summary>
    Delivered,

    /// <summary>Try again later (a 4yz, or the attempt failed before the upstream answered for this recipient).</summary>
    Deferred,

    /// <summary>Permanent failure (5yz, or a property of the message this upstream can never accept): bounce.</summary>
    Failed,
}
