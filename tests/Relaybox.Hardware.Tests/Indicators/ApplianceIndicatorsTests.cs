using Relaybox.Hardware.Indicators;

namespace Relaybox.Hardware.Tests.Indicators;

public sealed class ApplianceIndicatorsTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeOutputLine _status;
    private readonly FakeOutputLine _activity;
    private readonly FakeOutputLine _error;
    private readonly LedDriver _driver;
    private readonly ApplianceIndicators _indicators;

    public ApplianceIndicatorsTests()
    {
        _status = new FakeOutputLine("status", _clock);
        _activity = new FakeOutputLine("activity", _clock);
        _error = new FakeOutputLine("error", _clock);
        _driver = new LedDriver(_status, _activity, _error, _clock);
        _indicators = new ApplianceIndicators(_driver);
    }

    [Theory]
    [InlineData(ApplianceState.Starting, "blink 500/500 ms")]
    [InlineData(ApplianceState.Serving, "on")]
    [InlineData(ApplianceState.SetupNeeded, "blink 100/100 ms")]
    [InlineData(ApplianceState.ResetPending, "blink 100/100 ms")]
    public void StatusLedFollowsTheState(ApplianceState state, string pattern)
    {
        _indicators.SetState(state);
        Assert.Equal(pattern, _driver.GetPattern(LedRole.Status).Name);
    }

    [Fact]
    public void StartingIsTheInitialStateAndBlinksSlowly()
    {
        Assert.Equal(ApplianceState.Starting, _indicators.State);
        Assert.Equal(LedPattern.SlowBlink, _driver.GetPattern(LedRole.Status));
    }

    [Theory]
    [InlineData(ApplianceFaults.None, false)]
    [InlineData(ApplianceFaults.SmarthostUnreachable, true)]
    [InlineData(ApplianceFaults.QueueStuck, true)]
    [InlineData(ApplianceFaults.SmarthostUnreachable | ApplianceFaults.QueueStuck, true)]
    public void ErrorLedIsOnWhileAnyFaultIsSet(ApplianceFaults faults, bool lit)
    {
        _indicators.SetState(ApplianceState.Serving);
        _indicators.SetFaults(faults);
        Assert.Equal(lit, _error.Lit);
        Assert.True(_status.Lit);
    }

    [Fact]
    public void ErrorLedGoesOutWhenTheFaultsClear()
    {
        _indicators.SetFaults(ApplianceFaults.QueueStuck);
        _indicators.SetFaults(ApplianceFaults.None);
        Assert.False(_error.Lit);
    }

    [Fact]
    public void ResetWarningMakesEveryLedBlinkFastAndEndingItRestoresThem()
    {
        _indicators.SetState(ApplianceState.Serving);
        _indicators.SetFaults(ApplianceFaults.SmarthostUnreachable);
        _indicators.SetResetWarning(true);
        foreach (var role in new[] { LedRole.Status, LedRole.Activity, LedRole.Error })
            Assert.Equal(LedPattern.FastBlink, _driver.GetPattern(role));
        _clock.AdvanceMilliseconds(150);
        Assert.False(_status.Lit || _activity.Lit || _error.Lit); // all in step: dark together
        _indicators.SetResetWarning(false);
        Assert.Equal(LedPattern.On, _driver.GetPattern(LedRole.Status));
        Assert.Equal(LedPattern.Off, _driver.GetPattern(LedRole.Activity));
        Assert.Equal(LedPattern.On, _driver.GetPattern(LedRole.Error));
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Theory]
    [InlineData(ApplianceState.Serving, ApplianceFaults.None, 1)]
    [InlineData(ApplianceState.SetupNeeded, ApplianceFaults.None, 2)]
    [InlineData(ApplianceState.SetupNeeded, ApplianceFaults.QueueStuck, 2)]
    [InlineData(ApplianceState.Serving, ApplianceFaults.SmarthostUnreachable, 3)]
    [InlineData(ApplianceState.Serving, ApplianceFaults.QueueStuck, 4)]
    [InlineData(ApplianceState.Serving, ApplianceFaults.QueueStuck | ApplianceFaults.SmarthostUnreachable, 4)]
    [InlineData(ApplianceState.Starting, ApplianceFaults.None, 5)]
    [InlineData(ApplianceState.ResetPending, ApplianceFaults.None, 6)]
    public void StatusCodeTable(ApplianceState state, ApplianceFaults faults, int code)
    {
        Assert.Equal(code, IndicatorPatterns.StatusCode(state, faults));
    }

    [Fact]
    public void ShortPressBlinksTheCodeTwiceOnTheStatusLedThenReturnsToNormal()
    {
        _indicators.SetState(ApplianceState.Serving);
        _indicators.SetFaults(ApplianceFaults.SmarthostUnreachable);
        _clock.AdvanceMilliseconds(1);
        var before = _status.Writes.Count;
        Assert.Equal(3, _indicators.ShowStatusCode());
        _clock.Advance(TimeSpan.FromSeconds(30));
        var flashes = _status.Writes.Skip(before).Count(w => w.Lit);
        // Three flashes, twice; the first one needs no write (the LED was already on), the return to steady does.
        Assert.Equal(3 * ApplianceIndicators.StatusCodeRepetitions, flashes);
        Assert.True(_status.Lit);
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void ShortPressDuringTheWarningShowsNothing()
    {
        _indicators.SetResetWarning(true);
        Assert.Null(_indicators.ShowStatusCode());
    }

    [Fact]
    public void WarningCutsAPlayingStatusCodeShort()
    {
        _indicators.SetState(ApplianceState.Serving);
        _indicators.ShowStatusCode();
        _indicators.SetResetWarning(true);
        _indicators.SetResetWarning(false);
        _clock.AdvanceMilliseconds(300); // inside the code's first gap, had it still been playing
        Assert.True(_status.Lit);
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void FlashPulsesTheActivityLed()
    {
        _indicators.Flash();
        Assert.True(_activity.Lit);
        _clock.AdvanceMilliseconds(100);
        Assert.False(_activity.Lit);
    }

    [Fact]
    public void DisposeTurnsTheLedsOff()
    {
        _indicators.SetState(ApplianceState.Serving);
        _indicators.SetFaults(ApplianceFaults.QueueStuck);
        _indicators.Dispose();
        Assert.False(_status.Lit || _error.Lit);
        Assert.True(_status.Disposed);
    }
}
