namespace Relaybox.Smtp.Queue.Delivery;

/// <summary>
/// When a deferred message is tried again, when it expires, and when its sender hears that it is delayed.
/// Like Postfix's queue manager: the wait after attempt n is MinBackoff·2^(n-1), capped at MaxBackoff
/// (default 300 s, 600 s, 1200 s, 2400 s, 4000 s, 4000 s, …); lifetime and warning count from arrival.
/// Pure arithmetic over the times it is given; the overloads without a time read the injected clock.
/// </summary>
public sealed class RetrySchedule
{
    private readonly TimeProvider clock;

    public RetrySchedule(RetryOptions options, TimeProvider clock)
    {
        options.Validate();
        Options = options;
        this.clock = clock;
    }

    public RetryOptions Options { get; }

    /// <summary>The wait after the <paramref name="attempts"/>-th attempt failed (attempts ≥ 1).</summary>
    public TimeSpan Backoff(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);

        // Doubling in ticks overflows after ~40 doublings of 300 s; stop doubling once the cap is reached.
        TimeSpan wait = Options.MinBackoff;
        for (int i = 1; i < attempts && wait < Options.MaxBackoff; i++)
        {
            wait = wait.Ticks > Options.MaxBackoff.Ticks / 2 ? Options.MaxBackoff : wait * 2;
        }

        return wait < Options.MaxBackoff ? wait : Options.MaxBackoff;
    }

    /// <summary>
    /// When the message is due again after its latest attempt (counted in <see cref="DeliveryState.Attempts"/>)
    /// ended at <paramref name="now"/>. A state with no attempt yet is due at once.
    /// </summary>
    public DateTimeOffset NextAttempt(DeliveryState state, DateTimeOffset now) =>
        state.Attempts == 0 ? now : now + Backoff(state.Attempts);

    public DateTimeOffset NextAttempt(DeliveryState state) => NextAttempt(state, clock.GetUtcNow());

    /// <summary>
    /// When the message is due again, never later than the moment it expires: a message whose lifetime runs
    /// out between two attempts gets one last attempt then, and is bounced without waiting a full backoff.
    /// </summary>
    public DateTimeOffset NextAttempt(DeliveryState state, DateTimeOffset arrivalTime, DateTimeOffset now)
    {
        DateTimeOffset next = NextAttempt(state, now);
        DateTimeOffset expiry = arrivalTime + Options.MaxLifetime;
        return next > expiry && now < expiry ? expiry : next;
    }

    /// <summary>True once the message has been in the queue for the whole lifetime: unfinished recipients fail (RFC 5321 section 4.5.4.1).</summary>
    public bool IsExpired(DateTimeOffset arrivalTime, DateTimeOffset now) => now - arrivalTime >= Options.MaxLifetime;

    public bool IsExpired(DateTimeOffset arrivalTime) => IsExpired(arrivalTime, clock.GetUtcNow());

    /// <summary>
    /// True when the "delayed" DSN (RFC 3464 Action: delayed) is due: the warning is enabled, not yet sent,
    /// the warning time has passed, the message has not expired (then it bounces instead), and some
    /// recipient is still deferred after at least one attempt.
    /// </summary>
    public bool ShouldWarn(DeliveryState state, DateTimeOffset arrivalTime, DateTimeOffset now) =>
        Options.DelayWarningAfter is { } after
        && !state.DelayWarningSent
        && state.Attempts > 0
        && now - arrivalTime >= after
        && !IsExpired(arrivalTime, now)
        && state.Recipients.Any(r => r.Status == RecipientStatus.Deferred);

    public bool ShouldWarn(DeliveryState state, DateTimeOffset arrivalTime) => ShouldWarn(state, arrivalTime, clock.GetUtcNow());
}
