using Relaybox.Hardware.Indicators;

namespace Relaybox.Hardware.Tests.Indicators;

public sealed class LedDriverTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeOutputLine _status;
    private readonly FakeOutputLine _activity;
    private readonly FakeOutputLine _error;

    public LedDriverTests()
    {
        _status = new FakeOutputLine("status", _clock);
        _activity = new FakeOutputLine("activity", _clock);
        _error = new FakeOutputLine("error", _clock);
    }

    private LedDriver NewDriver() => new(_status, _activity, _error, _clock);

    /// <summary>Writes of a line after the driver's first (dark) one, in ms since <paramref name="start"/>.</summary>
    private static List<(double AtMs, bool Lit)> Since(FakeOutputLine line, TimeSpan start) =>
        line.Writes.Skip(1).Where(w => w.At >= start).Select(w => ((w.At - start).TotalMilliseconds, w.Lit)).ToList();

    [Fact]
    public void NewDriverWritesEveryLedDarkAndArmsNoTimer()
    {
        using var driver = NewDriver();
        Assert.All([_status, _activity, _error], line => Assert.Equal([(_clock.Now, false)], line.Writes));
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void SteadyPatternsLeaveTheDriverAsleep()
    {
        using var driver = NewDriver();
        driver.SetPattern(LedRole.Status, LedPattern.On);
        driver.SetPattern(LedRole.Error, LedPattern.On);
        Assert.Equal(0, _clock.ArmedTimers);
        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(0, _clock.Wakeups);
        Assert.True(_status.Lit);
        Assert.True(_error.Lit);
        Assert.False(_activity.Lit);
    }

    [Fact]
    public void BlinkingLedIsWrittenAtEachEdgeAndTheDriverWakesOnlyThen()
    {
        using var driver = NewDriver();
        var start = _clock.Now;
        driver.SetPattern(LedRole.Status, LedPattern.SlowBlink);
        Assert.Equal(1, _clock.ArmedTimers);
        _clock.Advance(TimeSpan.FromMilliseconds(2100));
        Assert.Equal([(0, true), (500, false), (1000, true), (1500, false), (2000, true)], Since(_status, start));
        Assert.Equal(4, _clock.Wakeups);
    }

    [Fact]
    public void TwoBlinkingLedsShareOneTimerArmedForTheSoonerEdge()
    {
        using var driver = NewDriver();
        var start = _clock.Now;
        driver.SetPattern(LedRole.Status, LedPattern.SlowBlink);
        driver.SetPattern(LedRole.Error, LedPattern.Blink(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, _clock.ArmedTimers);
        _clock.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal([(0, true), (500, false), (1000, true)], Since(_status, start));
        Assert.Equal([(0, true), (300, false), (600, true), (900, false)], Since(_error, start));
        Assert.Equal(5, _clock.Wakeups); // 300, 500, 600, 900, 1000
    }

    [Fact]
    public void GoingBackToSteadyDisarmsTheTimer()
    {
        using var driver = NewDriver();
        driver.SetPattern(LedRole.Status, LedPattern.FastBlink);
        _clock.Advance(TimeSpan.FromMilliseconds(150));
        driver.SetPattern(LedRole.Status, LedPattern.On);
        Assert.Equal(0, _clock.ArmedTimers);
        Assert.True(_status.Lit);
    }

    [Fact]
    public void SettingTheSamePatternAgainKeepsItsPhase()
    {
        using var driver = NewDriver();
        var start = _clock.Now;
        driver.SetPattern(LedRole.Status, LedPattern.SlowBlink);
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        driver.SetPattern(LedRole.Status, LedPattern.Blink(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)));
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal([(0, true), (500, false)], Since(_status, start));
    }

    [Fact]
    public void FlashLightsTheActivityLedBrieflyThenLetsTheDriverSleep()
    {
        using var driver = NewDriver();
        var start = _clock.Now;
        driver.Flash();
        Assert.True(_activity.Lit);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([(0, true), (60, false)], Since(_activity, start));
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void FlashesDuringAPulseCoalesceIntoOneMorePulse()
    {
        using var driver = NewDriver();
        var start = _clock.Now;
        for (var i = 0; i < 10; i++)
            driver.Flash();
        _clock.AdvanceMilliseconds(30);
        driver.Flash();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([(0, true), (60, false), (120, true), (180, false)], Since(_activity, start));
    }

    [Fact]
    public void ASteadyStreamOfFlashesFlickersRatherThanStayingLit()
    {
        using var driver = NewDriver();
        for (var t = 0; t < 1000; t += 10)
        {
            driver.Flash();
            _clock.AdvanceMilliseconds(10);
        }
        var lit = _activity.Writes.Count(w => w.Lit);
        var dark = _activity.Writes.Count(w => !w.Lit);
        Assert.InRange(lit, 7, 9); // one pulse per 120 ms
        Assert.InRange(dark, lit, lit + 1);
    }

    [Fact]
    public void FlashIsIgnoredWhileTheActivityLedShowsAPattern()
    {
        using var driver = NewDriver();
        driver.SetPattern(LedRole.Activity, LedPattern.On);
        var writes = _activity.Writes.Count;
        driver.Flash();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(writes, _activity.Writes.Count);
        Assert.True(_activity.Lit);
    }

    [Fact]
    public void FlashesFromManyThreadsAreAllTakenWithoutDeadlock()
    {
        using var driver = NewDriver();
        Parallel.For(0, 10_000, _ => driver.Flash());
        Assert.True(_activity.Lit);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_activity.Lit);
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void AnOverlayPlaysOverTheBasePatternThenGivesItBack()
    {
        using var driver = NewDriver();
        driver.SetPattern(LedRole.Status, LedPattern.On);
        _clock.AdvanceMilliseconds(1);
        var start = _clock.Now;
        driver.Show(LedRole.Status, LedPattern.Code(2, cycles: 1));
        _clock.Advance(TimeSpan.FromSeconds(5));
        // Already lit, so the first flash needs no write; then dark, lit, dark through the pause, lit for good.
        Assert.Equal([(250, false), (600, true), (850, false), (2700, true)], Since(_status, start));
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void AnOverlayThatNeverEndsIsRefused()
    {
        using var driver = NewDriver();
        Assert.Throws<ArgumentException>(() => driver.Show(LedRole.Status, LedPattern.SlowBlink));
    }

    [Fact]
    public void LedsThatAreNotFittedAreSkippedAndNeverWakeTheDriver()
    {
        using var driver = new LedDriver(null, _activity, null, _clock);
        driver.SetPattern(LedRole.Status, LedPattern.FastBlink);
        driver.SetPattern(LedRole.Error, LedPattern.On);
        Assert.False(driver.IsFitted(LedRole.Status));
        Assert.True(driver.IsFitted(LedRole.Activity));
        Assert.Equal(0, _clock.ArmedTimers);
        driver.Flash();
        Assert.True(_activity.Lit);
    }

    [Fact]
    public void ALineThatFailsIsReportedAndDroppedWhileTheOthersCarryOn()
    {
        using var driver = NewDriver();
        var failures = new List<LedRole>();
        driver.LineFailed += (role, _) => failures.Add(role);
        _error.FailWrites = true;
        driver.SetPattern(LedRole.Error, LedPattern.FastBlink);
        driver.SetPattern(LedRole.Status, LedPattern.On);
        Assert.Equal([LedRole.Error], failures);
        Assert.False(driver.IsFitted(LedRole.Error));
        Assert.True(_status.Lit);
        Assert.Equal(0, _clock.ArmedTimers);
    }

    [Fact]
    public void DisposeTurnsEveryLedOffStopsTheTimerAndReleasesTheLines()
    {
        var driver = NewDriver();
        driver.SetPattern(LedRole.Status, LedPattern.On);
        driver.SetPattern(LedRole.Error, LedPattern.SlowBlink);
        driver.Flash();
        driver.Dispose();
        Assert.All([_status, _activity, _error], line =>
        {
            Assert.False(line.Lit);
            Assert.True(line.Disposed);
        });
        Assert.Equal(0, _clock.ArmedTimers);
        var writes = _status.Writes.Count;
        driver.SetPattern(LedRole.Status, LedPattern.On);
        driver.Flash();
        Assert.Equal(writes, _status.Writes.Count);
    }
}
