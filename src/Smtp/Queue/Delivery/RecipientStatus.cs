namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>Where one recipient of a queued message stands.</summary>
public enum RecipientStatus
{
    /// <summary>Not tried yet.</summary>
    Pending,

    /// <summary>The remote side answered 250 to the message for this recipient: never sent again.</summary>
    Delivered,

    /// <summary>Permanent failure (5xx, or the lifetime ran out): never tried again, owed a bounce.</summary>
    Failed,

    /// <summary>Temporary failure (4xx, connection trouble): tried again at the next attempt.</summary>
    Deferred,
}
