using Relaybox.Hardware.Gpio;

namespace Relaybox.Hardware.Tests.Gpio;

public sealed class SoftwareDebouncerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void ALevelThatHoldsForThePeriodIsReportedWithItsFirstStableTimestamp()
    {
        var debouncer = new SoftwareDebouncer(Period, initialLevel: false);

        debouncer.Observe(true, Ms(100));

        Assert.Null(debouncer.Settle(Ms(119)));
        Assert.Equal(new LineEdge(true, Ms(100)), debouncer.Settle(Ms(120)));
        Assert.Null(debouncer.Deadline);
    }

    [Fact]
    public void BouncesWithinThePeriodGiveOneEdge()
    {
        var debouncer = new SoftwareDebouncer(Period, initialLevel: false);

        debouncer.Observe(true, Ms(100));
        debouncer.Observe(false, Ms(102));
        debouncer.Observe(true, Ms(105));

        Assert.Equal(Ms(125), debouncer.Deadline);
        Assert.Null(debouncer.Settle(Ms(121)));
        Assert.Equal(new LineEdge(true, Ms(105)), debouncer.Settle(Ms(125)));
        Assert.Null(debouncer.Settle(Ms(500)));
    }

    [Fact]
    public void AGlitchThatReturnsToTheReportedLevelIsNoEdge()
    {
        var debouncer = new SoftwareDebouncer(Period, initialLevel: true);

        debouncer.Observe(false, Ms(10));
        debouncer.Observe(true, Ms(12));

        Assert.Null(debouncer.Settle(Ms(100)));
        Assert.Null(debouncer.Deadline);
    }

    [Fact]
    public void PressAndReleaseEachSettleIntoTheirOwnEdge()
    {
        var debouncer = new SoftwareDebouncer(Period, initialLevel: false);

        debouncer.Observe(true, Ms(0));
        LineEdge? press = debouncer.Settle(Ms(30));
        debouncer.Observe(false, Ms(500));
        LineEdge? release = debouncer.Settle(Ms(530));

        Assert.Equal(new LineEdge(true, Ms(0)), press);
        Assert.Equal(new LineEdge(false, Ms(500)), release);
    }

    [Fact]
    public void AZeroPeriodIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftwareDebouncer(TimeSpan.Zero, false));
}
