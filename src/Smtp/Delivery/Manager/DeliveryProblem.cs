using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// The most recent recipient a delivery attempt did not deliver, for "relaybox status" and the console: when,
/// which message, where it was going, and what the other side (or relaybox itself) said.
/// </summary>
/// <param name="At">When the attempt ended.</param>
/// <param name="QueueId">The message's queue id.</param>
/// <param name="Recipient">The recipient that was not delivered.</param>
/// <param name="Destination">The host that answered, or the destination when none did.</param>
/// <param name="Reply">The remote reply ("451 4.3.0 try later"), or relaybox's own reason when no reply came.</param>
/// <param name="Final">True when the recipient failed for good (5xx, lifetime over); false when it is tried again.</param>
public sealed record DeliveryProblem(DateTimeOffset At, string QueueId, string Recipient, string Destination, string Reply, bool Final)
{
    /// <summary>A recipient's last reply as one line: "451 4.3.0 try later", or relaybox's own reason when no reply came.</summary>
    public static string ReplyOf(RecipientState recipient) =>
        recipient.ReplyCode is { } code ? $"{code} {recipient.ReplyText}" : recipient.ReplyText ?? "";
}
