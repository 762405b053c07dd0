using System.Net;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// Slows down and then locks out client addresses that keep failing AUTH (like Postfix anvil and fail2ban):
/// the first failures are answered at once, later ones after a growing delay, and too many within the
/// window lock the address out for a while. Memory is bounded; thread-safe.
/// </summary>
public sealed class AuthThrottle : IAuthThrottle
{
    private readonly TimeProvider _time;
    private readonly AuthThrottleOptions _options;
    private readonly Dictionary<IPAddress, Entry> _entries = [];
    private readonly Lock _lock = new();

    public AuthThrottle(TimeProvider time, AuthThrottleOptions? options = null)
    {
        _time = time;
        _options = options ?? new AuthThrottleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxTrackedAddresses, 1);
    }

    /// <summary>How many addresses are tracked now (at most <see cref="AuthThrottleOptions.MaxTrackedAddresses"/>).</summary>
    public int TrackedAddresses
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>True while <paramref name="address"/> must not be allowed to try AUTH.</summary>
    public bool IsLockedOut(IPAddress address)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(Normalize(address), out Entry? entry) && entry.LockedUntil > now;
        }
    }

    /// <summary>Counts a failed AUTH; returns how long to wait before answering 535.</summary>
    public TimeSpan RecordFailure(IPAddress address)
    {
        DateTimeOffset now = _time.GetUtcNow();
        IPAddress key = Normalize(address);
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out Entry? entry))
            {
                MakeRoom();
                entry = new Entry { WindowStart = now };
                _entries.Add(key, entry);
            }

            // A window that has passed, or a lockout that has expired, starts the count afresh; a running
            // lockout is never shortened by its window ending.
            bool lockedOut = entry.LockedUntil > now;
            if (!lockedOut && (now - entry.WindowStart >= _options.FailureWindow || entry.LockedUntil != default))
            {
                entry.WindowStart = now;
                entry.Failures = 0;
                entry.LockedUntil = default;
            }

            entry.Failures++;
            entry.LastSeen = now;
            if (entry.Failures >= _options.MaxFailures && !lockedOut)
            {
                entry.LockedUntil = now + _options.LockoutDuration;
            }

            return DelayFor(entry.Failures);
        }
    }

    /// <summary>A successful AUTH from <paramref name="address"/> forgets its failures.</summary>
    public void RecordSuccess(IPAddress address)
    {
        lock (_lock)
        {
            _entries.Remove(Normalize(address));
        }
    }

    private TimeSpan DelayFor(int failures)
    {
        int delayed = failures - _options.FreeFailures;
        if (delayed <= 0)
        {
            return TimeSpan.Zero;
        }

        // 1 s, 2 s, 4 s, ... doubling, capped; the shift is bounded so it cannot overflow.
        TimeSpan delay = _options.FirstDelay * (1L << Math.Min(delayed - 1, 30));
        return delay < _options.MaxDelay ? delay : _options.MaxDelay;
    }

    private void MakeRoom()
    {
        if (_entries.Count < _options.MaxTrackedAddresses)
        {
            return;
        }

        // Forget the address seen longest ago; a linear scan of at most a few thousand entries, only when full.
        IPAddress? oldest = null;
        DateTimeOffset oldestSeen = DateTimeOffset.MaxValue;
        foreach ((IPAddress address, Entry entry) in _entries)
        {
            if (entry.LastSeen < oldestSeen)
            {
                oldestSeen = entry.LastSeen;
                oldest = address;
            }
        }

        if (oldest is not null)
        {
            _entries.Remove(oldest);
        }
    }

    /// <summary>::ffff:192.0.2.1 and 192.0.2.1 are the same client (dual-stack sockets report the former).</summary>
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
