using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Indicators;

/// <summary>
/// Drives up to three LEDs from their patterns with one timer from the <see cref="TimeProvider"/>, armed for the
/// next edge of any pattern and disarmed when every LED is steady: between edges the process sleeps. Setters may
/// be called from any thread; <see cref="Flash"/> never blocks (it is called for every message). Owns the lines:
/// disposing turns the LEDs off and releases them.
/// </summary>
public sealed class LedDriver : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly LedChannel[] _channels;
    private int _flashRequested;
    private bool _disposed;

    /// <param name="status">The status LED, or null when not fitted; likewise the others.</param>
    public LedDriver(IOutputLine? status, IOutputLine? activity, IOutputLine? error, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _channels = [new(LedRole.Status, status), new(LedRole.Activity, activity), new(LedRole.Error, error)];
        _timer = timeProvider.CreateTimer(_ => Update(blocking: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Update(blocking: true);
    }

    /// <summary>
    /// Raised (on the thread that was updating the LEDs, under the driver's lock: log, do not call back into the
    /// driver) when writing a line fails; the driver stops using that line and carries on with the others.
    /// </summary>
    public event Action<LedRole, Exception>? LineFailed;

    /// <summary>Whether the LED is fitted (and has not failed).</summary>
    public bool IsFitted(LedRole role)
    {
        lock (_gate)
            return Channel(role).Line is not null;
    }

    /// <summary>The base pattern of <paramref name="role"/>; the same pattern again keeps its phase.</summary>
    public void SetPattern(LedRole role, LedPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_gate)
            Channel(role).SetBase(pattern, _time.GetTimestamp());
        Update(blocking: true);
    }

    /// <summary>The base pattern now in force for <paramref name="role"/>.</summary>
    public LedPattern GetPattern(LedRole role)
    {
        lock (_gate)
            return Channel(role).Base;
    }

    /// <summary>
    /// Plays a finite <paramref name="pattern"/> (a blink code) over the base pattern of <paramref name="role"/>,
    /// then returns to it; null cuts a playing overlay short.
    /// </summary>
    public void Show(LedRole role, LedPattern? pattern)
    {
        if (pattern is { Cycles: 0 })
            throw new ArgumentException("An overlay must end: give the pattern a number of cycles.", nameof(pattern));
        lock (_gate)
            Channel(role).Show(pattern, _time.GetTimestamp());
        Update(blocking: true);
    }

    /// <summary>
    /// One activity pulse. Never waits: if another thread is updating the LEDs, the request is left for it to
    /// pick up before it lets go. Requests during a pulse coalesce into one more pulse.
    /// </summary>
    public void Flash()
    {
        Volatile.Write(ref _flashRequested, 1);
        Update(blocking: false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _timer.Dispose();
            foreach (var channel in _channels)
            {
                var line = channel.Line;
                Guard(channel, channel.Extinguish);
                line?.Dispose();
            }
        }
    }

    private LedChannel Channel(LedRole role) => (uint)role < (uint)_channels.Length
        ? _channels[(int)role]
        : throw new ArgumentOutOfRangeException(nameof(role), role, null);

    /// <summary>
    /// Brings every LED to its level for now and re-arms the timer. A flash request that arrives while the lock
    /// is held elsewhere is seen by the holder's second look after it lets go, so none is lost.
    /// </summary>
    private void Update(bool blocking)
    {
        while (true)
        {
            if (blocking)
                _gate.Enter();
            else if (!_gate.TryEnter())
                return;
            try
            {
                Refresh();
            }
            finally
            {
                _gate.Exit();
            }
            if (Volatile.Read(ref _flashRequested) == 0)
                return;
            blocking = false;
        }
    }

    private void Refresh()
    {
        var flash = Interlocked.Exchange(ref _flashRequested, 0) == 1; // taken even after Dispose, or Update would spin
        if (_disposed)
            return;
        var now = _time.GetTimestamp();
        if (flash)
            Channel(LedRole.Activity).Flash(now);

        TimeSpan? soonest = null;
        foreach (var channel in _channels)
        {
            TimeSpan? next = null;
            Guard(channel, () => next = channel.Apply(now, _time));
            if (next is { } delay && (soonest is null || delay < soonest))
                soonest = delay;
        }
        _timer.Change(soonest ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Guard(LedChannel channel, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            channel.Detach();
            LineFailed?.Invoke(channel.Role, e);
        }
    }
}
