namespace Relaybox.Hardware.Indicators;

/// <summary>
/// What the daemon talks to: the appliance's state, its faults and the button's warning in, LED patterns out
/// (through <see cref="IndicatorPatterns"/> and a <see cref="LedDriver"/>). Thread-safe; <see cref="Flash"/>
/// never blocks.
/// </summary>
public sealed class ApplianceIndicators : IDisposable
{
    /// <summary>How many times a short press plays the blink code before the status LED returns to normal.</summary>
    public const int StatusCodeRepetitions = 2;

    private readonly Lock _gate = new();
    private readonly LedDriver _driver;
    private ApplianceState _state = ApplianceState.Starting;
    private ApplianceFaults _faults;
    private bool _resetWarning;

    /// <summary>Takes ownership of <paramref name="driver"/> and shows <see cref="ApplianceState.Starting"/>.</summary>
    public ApplianceIndicators(LedDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        _driver = driver;
        lock (_gate)
            Apply();
    }

    public ApplianceState State
    {
        get { lock (_gate) return _state; }
    }

    public ApplianceFaults Faults
    {
        get { lock (_gate) return _faults; }
    }

    public void SetState(ApplianceState state)
    {
        lock (_gate)
        {
            _state = state;
            Apply();
        }
    }

    /// <summary>The whole set of current faults (not a delta): the error LED is lit while any is set.</summary>
    public void SetFaults(ApplianceFaults faults)
    {
        lock (_gate)
        {
            _faults = faults;
            Apply();
        }
    }

    /// <summary>The button has been held past the warning threshold (true) or let go before the reset (false).</summary>
    public void SetResetWarning(bool warning)
    {
        lock (_gate)
        {
            _resetWarning = warning;
            if (warning)
                _driver.Show(LedRole.Status, null); // the warning must not wait for a blink code to finish
            Apply();
        }
    }

    /// <summary>A message was accepted or delivered: one pulse of the activity LED.</summary>
    public void Flash() => _driver.Flash();

    /// <summary>
    /// A short press: plays the state's blink code (<see cref="IndicatorPatterns.StatusCode"/>) on the status LED
    /// <see cref="StatusCodeRepetitions"/> times, then shows the normal pattern again. Returns the code played,
    /// or null when the warning is on (the warning is more important than any answer).
    /// </summary>
    public int? ShowStatusCode()
    {
        lock (_gate)
        {
            if (_resetWarning)
                return null;
            var code = IndicatorPatterns.StatusCode(_state, _faults);
            _driver.Show(LedRole.Status, LedPattern.Code(code, StatusCodeRepetitions));
            return code;
        }
    }

    public void Dispose() => _driver.Dispose();

    private void Apply()
    {
        foreach (var role in (ReadOnlySpan<LedRole>)[LedRole.Status, LedRole.Activity, LedRole.Error])
            _driver.SetPattern(role, IndicatorPatterns.For(role, _state, _faults, _resetWarning));
    }
}
