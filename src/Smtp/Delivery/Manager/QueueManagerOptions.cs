using Relaybox.Smtp.Queue.Delivery;

namespace Relaybox.Smtp.Delivery.Manager;

/// <summary>
/// How the queue manager schedules: concurrency limits, the retry schedule (backoff, lifetime, delay warning),
/// and how often it looks at the queue without being woken (for the retry timer and the "queue stuck" check).
/// <see cref="Deliver"/> false keeps every message in the queue ([queue] deliver = no, the demo).
/// </summary>
public sealed record QueueManagerOptions(ConcurrencyLimits Limits, RetryOptions Retry)
{
    public static QueueManagerOptions Default { get; } = new(ConcurrencyLimits.Default, RetryOptions.Default);

    public bool Deliver { get; init; } = true;

    /// <summary>The longest sleep between two looks at the queue (the stuck-queue check needs a heartbeat).</summary>
    public TimeSpan MaxIdle { get; init; } = TimeSpan.FromSeconds(60);
}
