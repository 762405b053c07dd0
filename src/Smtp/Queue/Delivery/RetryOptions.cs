namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// How often and how long relaybox retries a deferred message. The defaults are Postfix's
/// (postconf(5): minimal_backoff_time 300s, maximal_backoff_time 4000s, maximal_queue_lifetime 5d,
/// delay_warning_time 4h — Postfix ships the warning off; relaybox turns it on, as issue 3 asks).
/// </summary>
/// <param name="MinBackoff">Wait before the first retry; each later wait doubles.</param>
/// <param name="MaxBackoff">The longest wait between two attempts.</param>
/// <param name="MaxLifetime">Time since arrival after which a message still not delivered is bounced.</param>
/// <param name="DelayWarningAfter">Time since arrival after which the sender is told the message is delayed; null: never.</param>
public sealed record RetryOptions(
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    TimeSpan MaxLifetime,
    TimeSpan? DelayWarningAfter)
{
    public static RetryOptions Default { get; } = new(
        MinBackoff: TimeSpan.FromSeconds(300),
        MaxBackoff: TimeSpan.FromSeconds(4000),
        MaxLifetime: TimeSpan.FromDays(5),
        DelayWarningAfter: TimeSpan.FromHours(4));

    /// <summary>Throws when the values cannot make a schedule (zero or negative waits, a cap below the start).</summary>
    public void Validate()
    {
        if (MinBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinBackoff), MinBackoff, "the minimal backoff must be positive");
        }

        if (MaxBackoff < MinBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, "the maximal backoff must not be below the minimal backoff");
        }

        if (MaxLifetime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLifetime), MaxLifetime, "the queue lifetime must not be negative");
        }

        if (DelayWarningAfter is { } warning && warning <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DelayWarningAfter), warning, "the delay warning time must be positive");
        }
    }
}
