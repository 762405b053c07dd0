namespace Relaybox.Smtp.Delivery.Routing;

/// <summary>
/// Remembers for a while that outbound port 25 was found blocked, so that with a fallback relayhost the next
/// deliveries go straight to it instead of each waiting out a connect timeout per MX address first. Blocking is a
/// property of relaybox's own network, not of one domain. Thread-safe: one value, read and written atomically.
/// </summary>
internal sealed class BlockedPortMemory(TimeProvider time, TimeSpan duration)
{
    private long _blockedUntilTicks = long.MinValue;
    private long _seenAtTicks;

    /// <summary>When the block was last seen, if it is still remembered now.</summary>
    public DateTimeOffset? RememberedSince
    {
        get
        {
            if (duration <= TimeSpan.Zero || time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _blockedUntilTicks))
            {
                return null;
            }

            return new DateTimeOffset(Interlocked.Read(ref _seenAtTicks), TimeSpan.Zero);
        }
    }

    public void Remember()
    {
        DateTimeOffset now = time.GetUtcNow();
        Interlocked.Exchange(ref _seenAtTicks, now.UtcTicks);
        Interlocked.Exchange(ref _blockedUntilTicks, (now + duration).UtcTicks);
    }

    /// <summary>A host was reached on the MX port: the block is over.</summary>
    public void Forget() => Interlocked.Exchange(ref _blockedUntilTicks, long.MinValue);
}
