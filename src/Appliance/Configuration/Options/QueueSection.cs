using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Appliance.Configuration.Options;

/// <summary>
/// [queue]: whether mail is sent at all, the retry schedule, how long a message may wait before it bounces, when
/// the sender and the owner hear about waiting mail, and how many deliveries run at once.
/// </summary>
/// <param name="Deliver">false = accepted mail stays in the queue and nothing is sent (e.g. until the smarthost is set up).</param>
/// <param name="DelayWarning">Time since arrival after which the sender is told once that the message is delayed; null = never.</param>
/// <param name="StuckAlert">Age of the oldest waiting message at which the owner is alerted once; null = never.</param>
/// <param name="MaxDeliveries">Delivery attempts in progress at once, over all destinations.</param>
/// <param name="DestinationConcurrency">Delivery attempts in progress at once to one destination (the relayhost, or one recipient domain).</param>
public sealed record QueueSection(
    TimeSpan MaxLifetime,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    bool Deliver,
    TimeSpan? DelayWarning,
    TimeSpan? StuckAlert,
    int MaxDeliveries,
    int DestinationConcurrency)
{
    /// <summary>The schedule the queue scheduler takes.</summary>
    public RetryOptions Retry => new(MinBackoff, MaxBackoff, MaxLifetime, DelayWarning);

    /// <summary>The limits the queue manager takes.</summary>
    public ConcurrencyLimits Concurrency => new(MaxDeliveries, DestinationConcurrency);
}
