using Relaybox.Hardware.Indicators;

namespace Relaybox.Hardware.Tests.Indicators;

public sealed class ButtonStateMachineTests
{
    private readonly ButtonStateMachine _button = new();
    private readonly List<ButtonEvent> _events = [];
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1000);

    private static TimeSpan At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    private void Press(double seconds) => _events.AddRange(_button.OnEdge(true, At(seconds)));

    private void Release(double seconds) => _events.AddRange(_button.OnEdge(false, At(seconds)));

    private void Tick(double seconds) => _events.AddRange(_button.OnTime(At(seconds)));

    [Fact]
    public void ShortPressIsReportedOnceTheReleaseOutlastsTheBounceWindow()
    {
        Press(0);
        Release(0.3);
        Tick(0.34);
        Assert.Empty(_events);
        Tick(0.35);
        Assert.Equal([ButtonEvent.ShortPress], _events);
        Assert.Equal(ButtonPhase.Released, _button.Phase);
    }

    [Fact]
    public void TwoSecondHoldDoesNothing()
    {
        Press(0);
        Tick(2);
        Release(2);
        Tick(60);
        Assert.Empty(_events);
        Assert.Equal(ButtonPhase.Released, _button.Phase);
    }

    [Fact]
    public void WarningStartsAtFiveSecondsOfHolding()
    {
        Press(0);
        Assert.Equal(At(5), _button.NextDeadline);
        Tick(4.999);
        Assert.Empty(_events);
        Tick(5);
        Assert.Equal([ButtonEvent.WarningStarted], _events);
        Assert.Equal(ButtonPhase.Warning, _button.Phase);
        Assert.Equal(At(10), _button.NextDeadline);
    }

    [Fact]
    public void ReleaseBetweenFiveAndTenSecondsCancelsTheWarning()
    {
        Press(0);
        Tick(5);
        Release(7);
        Tick(8);
        Assert.Equal([ButtonEvent.WarningStarted, ButtonEvent.WarningCancelled], _events);
        Assert.Equal(ButtonPhase.Released, _button.Phase);
        Assert.Null(_button.NextDeadline);
    }

    [Fact]
    public void TenSecondHoldAndReleaseRequestsTheFactoryReset()
    {
        Press(0);
        Tick(5);
        Tick(10);
        Assert.Equal(ButtonPhase.Armed, _button.Phase);
        Assert.Null(_button.NextDeadline); // nothing more happens until it is let go
        Release(12);
        Tick(13);
        Assert.Equal([ButtonEvent.WarningStarted, ButtonEvent.ResetArmed, ButtonEvent.FactoryResetRequested], _events);
    }

    [Fact]
    public void HoldingForeverDoesNotResetUntilReleased()
    {
        Press(0);
        Tick(3600);
        Assert.DoesNotContain(ButtonEvent.FactoryResetRequested, _events);
        Assert.Equal(ButtonPhase.Armed, _button.Phase);
    }

    [Fact]
    public void ThresholdsPassedBetweenEdgesAreReportedInOrderByTheNextEdge()
    {
        Press(0);
        Release(11); // no OnTime calls in between: the release edge catches up
        Assert.Equal([ButtonEvent.WarningStarted, ButtonEvent.ResetArmed], _events);
        Tick(11.05);
        Assert.Equal(ButtonEvent.FactoryResetRequested, _events[^1]);
    }

    [Fact]
    public void ReleaseJustBeforeTheWarningIsNotTurnedIntoAWarningByALateTick()
    {
        Press(0);
        Release(4.99);
        Tick(5.2);
        Assert.Empty(_events);
        Assert.Equal(ButtonPhase.Released, _button.Phase);
    }

    [Fact]
    public void BouncePairDuringAHoldDoesNotBreakIt()
    {
        Press(0);
        Release(3);
        Press(3.02);
        Tick(10);
        Release(10.5);
        Tick(11);
        Assert.Equal([ButtonEvent.WarningStarted, ButtonEvent.ResetArmed, ButtonEvent.FactoryResetRequested], _events);
    }

    [Fact]
    public void BouncePairAfterTheWarningDoesNotCancelIt()
    {
        Press(0);
        Tick(6);
        Release(7);
        Press(7.01);
        Tick(8);
        Assert.Equal([ButtonEvent.WarningStarted], _events);
        Assert.Equal(ButtonPhase.Warning, _button.Phase);
    }

    [Fact]
    public void BouncePairInAShortPressGivesOneShortPress()
    {
        Press(0);
        Release(0.2);
        Press(0.23);
        Release(0.4);
        Tick(1);
        Assert.Equal([ButtonEvent.ShortPress], _events);
    }

    [Fact]
    public void GlitchShorterThanTheBounceWindowIsIgnored()
    {
        Press(0);
        Release(0.02);
        Tick(1);
        Assert.Empty(_events);
    }

    [Fact]
    public void ReleaseAndPressFurtherApartThanTheWindowAreTwoPresses()
    {
        Press(0);
        Release(0.2);
        Press(0.4);
        Release(0.6);
        Tick(1);
        Assert.Equal([ButtonEvent.ShortPress, ButtonEvent.ShortPress], _events);
    }

    [Fact]
    public void PressBetweenShortAndWarningDoesNothing()
    {
        Press(0);
        Release(1.5);
        Tick(2);
        Assert.Empty(_events);
    }

    [Fact]
    public void ReleaseSeenWithoutAPressIsIgnored()
    {
        Release(0);
        Tick(1);
        Assert.Empty(_events);
        Assert.Equal(ButtonPhase.Released, _button.Phase);
    }

    [Fact]
    public void TimeNeverRunsBackwards()
    {
        Press(10);
        Release(9); // an earlier timestamp than the press: taken as "now"
        Tick(10.1);
        Assert.Empty(_events); // held 0 s: below the bounce window, no short press
        Assert.Equal(ButtonPhase.Released, _button.Phase);
    }
}
