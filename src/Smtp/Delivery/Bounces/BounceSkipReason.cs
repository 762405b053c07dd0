namespace Relaybox.Smtp.Delivery.Bounces;

/// <summary>Why no notice is sent; <see cref="None"/> when one is.</summary>
public enum BounceSkipReason
{
    None,

    /// <summary>The message itself had the null reverse-path (RFC 5321 section 4.5.5: never answer a bounce).</summary>
    NullSender,

    /// <summary>No recipient asked for this kind of notice (RFC 3461 section 4.1 NOTIFY).</summary>
    NotRequested,

    /// <summary>The sender is a local device name, and no admin address is configured to take its bounces.</summary>
    NoAdminAddress,
}
