using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Indicators;

/// <summary>
/// One LED inside <see cref="LedDriver"/>: its base pattern, an optional overlay played over it (an activity
/// flash, a blink code) and the level last written, so the line is only touched when the level changes.
/// Not thread-safe: the driver calls it under its lock. Times are <see cref="TimeProvider"/> timestamps.
/// </summary>
internal sealed class LedChannel(LedRole role, IOutputLine? line)
{
    private LedPattern _base = LedPattern.Off;
    private long _baseStart;
    private LedPattern? _overlay;
    private long _overlayStart;
    private bool _overlayIsFlash;
    private bool _flashPending;
    private bool? _written;

    public LedRole Role { get; } = role;

    /// <summary>The LED's line; null when not fitted, or after it failed.</summary>
    public IOutputLine? Line { get; private set; } = line;

    public LedPattern Base => _base;

    public LedPattern? Overlay => _overlay;

    /// <summary>A new base pattern starts from its beginning; the same pattern again keeps its phase.</summary>
    public void SetBase(LedPattern pattern, long now)
    {
        if (pattern.Equals(_base))
            return;
        _base = pattern;
        _baseStart = now;
    }

    /// <summary>Plays <paramref name="pattern"/> over the base pattern until it finishes; null ends an overlay now.</summary>
    public void Show(LedPattern? pattern, long now)
    {
        _overlay = pattern;
        _overlayStart = now;
        _overlayIsFlash = false;
        _flashPending = false;
    }

    /// <summary>
    /// One activity pulse. While a pulse is playing, further requests coalesce into one more pulse after it, so
    /// a burst shows as a flicker and the LED never stays lit. Ignored while the LED shows anything but dark
    /// (the reset warning, a blink code): a pulse there would be lost in the pattern.
    /// </summary>
    public void Flash(long now)
    {
        if (_overlay is not null)
        {
            if (_overlayIsFlash)
                _flashPending = true;
            return;
        }
        if (!_base.Equals(LedPattern.Off))
            return;
        StartFlash(now);
    }

    /// <summary>Writes the level due at <paramref name="now"/>; returns how long until the next change, null = none.</summary>
    public TimeSpan? Apply(long now, TimeProvider time)
    {
        if (Line is null)
            return null; // nothing to show: no reason to wake up for this LED
        LedLevel level;
        while (true)
        {
            if (_overlay is null)
            {
                level = _base.LevelAt(time.GetElapsedTime(_baseStart, now));
                break;
            }
            level = _overlay.LevelAt(time.GetElapsedTime(_overlayStart, now));
            if (!level.Finished)
                break;
            var another = _overlayIsFlash && _flashPending;
            _overlay = null;
            _flashPending = false;
            if (another)
                StartFlash(now);
        }
        Write(level.Lit);
        return level.NextChangeIn;
    }

    /// <summary>Turns the LED off for good (at shutdown).</summary>
    public void Extinguish()
    {
        _overlay = null;
        _base = LedPattern.Off;
        Write(false);
    }

    /// <summary>Stops using a line that failed, so one broken LED does not take the others (or the daemon) down.</summary>
    public void Detach() => Line = null;

    private void StartFlash(long now)
    {
        _overlay = LedPattern.ActivityFlash;
        _overlayStart = now;
        _overlayIsFlash = true;
        _flashPending = false;
    }

    private void Write(bool lit)
    {
        if (Line is null || _written == lit)
            return;
        Line.Set(lit);
        _written = lit;
    }
}
