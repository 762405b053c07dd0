namespace Relaybox.Hardware.Indicators;

/// <summary>
/// The button as pure logic: fed edges (with the kernel's timestamps) and the passing of time, it returns what
/// happened. No threads, no clock of its own: <see cref="ButtonMonitor"/> drives it from the line and a timer,
/// tests drive it by hand. All times are on one monotonic scale, the one the edges' timestamps use.
/// </summary>
/// <remarks>
/// A release is only believed once <see cref="ButtonTimings.BounceWindow"/> has passed without a new press, so a
/// release/press pair closer than that leaves the hold unbroken; a press shorter than the window is ignored.
/// Holding the button when the monitor starts counts from the first press edge seen, never from start-up.
/// </remarks>
public sealed class ButtonStateMachine(ButtonTimings timings)
{
    private TimeSpan _pressedAt;
    private TimeSpan? _releasedAt; // a release not yet believed (within the bounce window)
    private TimeSpan _latest;

    public ButtonStateMachine()
        : this(ButtonTimings.Default)
    {
    }

    public ButtonTimings Timings { get; } = timings ?? throw new ArgumentNullException(nameof(timings));

    public ButtonPhase Phase { get; private set; } = ButtonPhase.Released;

    /// <summary>When <see cref="OnTime"/> next has something to do; null = nothing until the next edge.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            if (Threshold() is { } threshold && (_releasedAt is not { } released || threshold < released))
                return threshold;
            return _releasedAt + Timings.BounceWindow;
        }
    }

    /// <summary>The line changed level at <paramref name="timestamp"/>.</summary>
    public IReadOnlyList<ButtonEvent> OnEdge(bool pressed, TimeSpan timestamp)
    {
        var events = new List<ButtonEvent>(2);
        var at = CatchUp(timestamp, events);
        if (pressed)
        {
            if (_releasedAt is not null)
                _releasedAt = null; // bounce: the hold goes on as if never broken
            else if (Phase == ButtonPhase.Released)
            {
                Phase = ButtonPhase.Pressed;
                _pressedAt = at;
            }
        }
        else if (Phase != ButtonPhase.Released && _releasedAt is null)
        {
            _releasedAt = at;
        }
        return events;
    }

    /// <summary>Time has moved on to <paramref name="now"/> without an edge.</summary>
    public IReadOnlyList<ButtonEvent> OnTime(TimeSpan now)
    {
        var events = new List<ButtonEvent>(2);
        CatchUp(now, events);
        return events;
    }

    /// <summary>Plays every deadline up to <paramref name="now"/>, oldest first; returns now, never before an earlier call's time.</summary>
    private TimeSpan CatchUp(TimeSpan now, List<ButtonEvent> events)
    {
        if (now < _latest)
            now = _latest; // timestamps from two sources may disagree by a hair; time never runs backwards here
        _latest = now;
        while (NextDeadline is { } deadline && deadline <= now)
        {
            if (_releasedAt is { } released && deadline == released + Timings.BounceWindow && !(Threshold() < released))
                events.AddRange(CommitRelease(released));
            else if (Phase == ButtonPhase.Pressed)
            {
                Phase = ButtonPhase.Warning;
                events.Add(ButtonEvent.WarningStarted);
            }
            else
            {
                Phase = ButtonPhase.Armed;
                events.Add(ButtonEvent.ResetArmed);
            }
        }
        return now;
    }

    /// <summary>The next hold threshold, if the button is held towards one.</summary>
    private TimeSpan? Threshold() => Phase switch
    {
        ButtonPhase.Pressed => _pressedAt + Timings.WarningAfter,
        ButtonPhase.Warning => _pressedAt + Timings.ResetAfter,
        _ => null,
    };

    private IEnumerable<ButtonEvent> CommitRelease(TimeSpan released)
    {
        var held = released - _pressedAt;
        var phase = Phase;
        Phase = ButtonPhase.Released;
        _releasedAt = null;
        return phase switch
        {
            ButtonPhase.Pressed when held >= Timings.BounceWindow && held < Timings.ShortPressLimit => [ButtonEvent.ShortPress],
            ButtonPhase.Warning => [ButtonEvent.WarningCancelled],
            ButtonPhase.Armed => [ButtonEvent.FactoryResetRequested],
            _ => [], // a glitch shorter than the bounce window, or a press between short and the warning: nothing
        };
    }
}
