namespace Relaybox.Smtp.Tests.Server;

/// <summary>A clock that moves only when told to; its timers fire during <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Timers that will fire at some point in the future.</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var timer in due)
            {
                timer.Due = null; // one-shot: relaybox uses no periodic timers
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>
    /// Waits (in real time) until the code under test is blocked on exactly one armed timer due
    /// <paramref name="dueIn"/> from now, and stays so for a moment: a flush timer armed and disarmed around
    /// a reply must not be mistaken for the read timer the test means to fire.
    /// </summary>
    public async Task WaitForSingleTimerAsync(TimeSpan dueIn)
    {
        int stable = 0;
        for (int i = 0; i < 2000 && stable < 3; i++)
        {
            await Task.Delay(5);
            lock (_lock)
            {
                var armed = _timers.Where(t => t.Due is not null).ToList();
                stable = armed.Count == 1 && armed[0].Due == _now + dueIn ? stable + 1 : 0;
            }
        }

        Assert.True(stable >= 3, "the expected timer was never armed");
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
