using Relaybox.Smtp.Delivery.Client;

namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// Where recipients go and how a message gets there: the smarthost of [relay] relayhost, or each recipient
/// domain's MX hosts. The queue manager groups a message's unfinished recipients by <see cref="DestinationOf"/>
/// and calls <see cref="DeliverAsync"/> once per group.
/// </summary>
public interface IDeliveryRoute
{
    /// <summary>
    /// The per-destination key of a recipient: the relayhost (e.g. "[smtp.example.net]:587") for smarthost
    /// delivery, the recipient's domain in lower case for MX delivery. Used for grouping and concurrency limits.
    /// </summary>
    string DestinationOf(string recipientAddress);

    /// <summary>
    /// Delivers <paramref name="message"/>, whose envelope holds only recipients of <paramref name="destination"/>.
    /// Tries the hosts of the destination in order (MX preference, every address) until one judges the
    /// recipients. Never throws for anything DNS, the network or the upstream does; only cancellation escapes.
    /// The result has one entry per recipient of the envelope, in its order.
    /// </summary>
    Task<RouteAttempt> DeliverAsync(string destination, OutboundMessage message, CancellationToken cancellationToken);
}
