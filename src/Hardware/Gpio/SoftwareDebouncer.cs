namespace Relaybox.Hardware.Gpio;

/// <summary>
/// The debounce the library does itself when the kernel refuses the DEBOUNCE attribute: a level counts only once the
/// line has stayed at it for the whole period, and only a settled level different from the last reported one is an
/// edge. Pure logic on the kernel's monotonic timestamps, so it is tested without a line.
/// </summary>
public sealed class SoftwareDebouncer
{
    private readonly TimeSpan _period;
    private bool _reportedLevel;
    private (bool Level, TimeSpan Timestamp)? _pending;

    public SoftwareDebouncer(TimeSpan period, bool initialLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _period = period;
        _reportedLevel = initialLevel;
    }

    /// <summary>When the pending level will have been stable long enough, or null when nothing is pending.</summary>
    public TimeSpan? Deadline => _pending is { } pending ? pending.Timestamp + _period : null;

    /// <summary>A raw edge from the kernel: the line is now at <paramref name="level"/>; every bounce restarts the period.</summary>
    public void Observe(bool level, TimeSpan timestamp) => _pending = (level, timestamp);

    /// <summary>At <paramref name="now"/>, the edge to report if the pending level has settled and differs from the last one.</summary>
    public LineEdge? Settle(TimeSpan now)
    {
        if (_pending is not { } pending || now < pending.Timestamp + _period)
        {
            return null;
        }

        _pending = null;
        if (pending.Level == _reportedLevel)
        {
            return null;
        }

        _reportedLevel = pending.Level;
        return new LineEdge(pending.Level, pending.Timestamp);
    }
}
