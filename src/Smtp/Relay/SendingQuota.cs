namespace Relaybox.Smtp.Relay;

/// <summary>
/// Messages accepted per login in the last hour, as a sliding window of sixty one-minute buckets: memory
/// per login is constant whatever the quota, and a message stops counting 59 to 60 minutes after it was
/// accepted. Thread-safe; sessions on several connections share one instance.
/// </summary>
/// <remarks>
/// The check (at MAIL FROM) and the count (after the 250 to DATA) are separate calls, so parallel sessions
/// of one login can overshoot the quota by the number of transactions in flight; the quota is a brake on a
/// leaked password, not an exact meter.
/// </remarks>
public sealed class SendingQuota
{
    /// <summary>Logins tracked at once. A user file holds far fewer; the cap only bounds memory.</summary>
    public const int DefaultMaxTrackedLogins = 4096;

    private const int BucketCount = 60;
    private static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(1);

    private readonly TimeProvider timeProvider;
    private readonly int maxTrackedLogins;
    private readonly Dictionary<string, Window> windows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public SendingQuota(TimeProvider timeProvider, int maxTrackedLogins = DefaultMaxTrackedLogins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrackedLogins, 1);
        this.timeProvider = timeProvider;
        this.maxTrackedLogins = maxTrackedLogins;
    }

    /// <summary>Logins currently tracked (for tests and status output).</summary>
    public int TrackedLogins
    {
        get
        {
            lock (gate)
            {
                return windows.Count;
            }
        }
    }

    /// <summary>True when <paramref name="login"/> may send one more message; a limit of 0 or less is unlimited.</summary>
    public bool HasRoom(string login, int messagesPerHour)
    {
        if (messagesPerHour <= 0)
        {
            return true;
        }

        lock (gate)
        {
            return !windows.TryGetValue(login, out var window) || window.Count(CurrentMinute()) < messagesPerHour;
        }
    }

    /// <summary>Counts one accepted message for <paramref name="login"/>.</summary>
    public void Record(string login)
    {
        lock (gate)
        {
            long minute = CurrentMinute();
            if (!windows.TryGetValue(login, out var window))
            {
                if (windows.Count >= maxTrackedLogins)
                {
                    Evict(minute);
                }

                window = new Window();
                windows.Add(login, window);
            }

            window.Add(minute);
        }
    }

    private long CurrentMinute() => timeProvider.GetUtcNow().ToUnixTimeSeconds() / (long)BucketLength.TotalSeconds;

    /// <summary>
    /// Drops the windows that no longer count anything (forgetting them changes no answer); when every
    /// tracked login is still active, drops the one that sent least recently.
    /// </summary>
    private void Evict(long minute)
    {
        string? stalest = null;
        long stalestMinute = long.MaxValue;
        var idle = new List<string>();
        foreach (var (login, window) in windows)
        {
            if (window.Count(minute) == 0)
            {
                idle.Add(login);
            }
            else if (window.LastMinute < stalestMinute)
            {
                stalest = login;
                stalestMinute = window.LastMinute;
            }
        }

        foreach (string login in idle)
        {
            windows.Remove(login);
        }

        if (idle.Count == 0 && stalest is not null)
        {
            windows.Remove(stalest);
        }
    }

    /// <summary>Sixty minute buckets used as a ring: bucket (minute mod 60) holds the count for that minute.</summary>
    private sealed class Window
    {
        private readonly long[] minutes = new long[BucketCount];
        private readonly int[] counts = new int[BucketCount];

        public long LastMinute { get; private set; } = long.MinValue;

        public void Add(long minute)
        {
            int slot = (int)(((minute % BucketCount) + BucketCount) % BucketCount);
            if (minutes[slot] != minute)
            {
                minutes[slot] = minute;
                counts[slot] = 0;
            }

            counts[slot]++;
            LastMinute = minute;
        }

        public int Count(long now)
        {
            int total = 0;
            for (int slot = 0; slot < BucketCount; slot++)
            {
                if (counts[slot] > 0 && minutes[slot] > now - BucketCount && minutes[slot] <= now)
                {
                    total += counts[slot];
                }
            }

            return total;
        }
    }
}
