using Relaybox.Appliance.Configuration;
using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Delivery.Alerts;

namespace Relaybox.Appliance.Tests.Setup;

public sealed class BoxStatusSourceTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static readonly SetupFacts Configured = new(IsDemo: false, DeliveryEnabled: true, LanMayRelay: false, UserCount: 2);

    [Fact]
    public void BoxIsStartingUntilTheListenersAreOpen()
    {
        var source = new BoxStatusSource();
        source.ObserveSetup(Configured);
        Assert.Equal(BoxPhase.Starting, source.Current.Phase);

        source.MarkStarted();

        Assert.Equal(BoxPhase.Serving, source.Current.Phase);
    }

    [Fact]
    public void FactoryConfigurationNeedsSetup()
    {
        var factory = ConfigLoader.Parse(FactoryDefaults.Text("/var/lib/relaybox", null, Since, null), "factory").Config!;

        Assert.True(SetupFacts.From(factory, isDemo: false, userCount: 0).SetupNeeded);
    }

    [Fact]
    public void DemoConfigurationNeedsSetup() =>
        Assert.True((Configured with { IsDemo = true }).SetupNeeded);

    [Fact]
    public void DeliveryTurnedOffNeedsSetupEvenWithUsers() =>
        Assert.True((Configured with { DeliveryEnabled = false }).SetupNeeded);

    [Fact]
    public void NoUsersAndNoTrustedLanNetworkNeedsSetup() =>
        Assert.True((Configured with { UserCount = 0 }).SetupNeeded);

    [Fact]
    public void TrustedLanNetworkWithoutUsersIsSetUp()
    {
        var config = ConfigLoader.Parse("[server]\nmynetworks = 127.0.0.0/8, 192.168.1.0/24\n", "lan").Config!;

        var facts = SetupFacts.From(config, isDemo: false, userCount: 0);

        Assert.True(facts.LanMayRelay);
        Assert.False(facts.SetupNeeded);
    }

    [Fact]
    public void LoopbackOnlyNetworksDoNotCountAsLan()
    {
        var config = ConfigLoader.Parse("[server]\nmynetworks = 127.0.0.0/8, ::1/128\n", "loopback").Config!;

        Assert.False(SetupFacts.From(config, isDemo: false, userCount: 0).LanMayRelay);
    }

    [Fact]
    public void SetupNeededShowsOnceStarted()
    {
        var source = new BoxStatusSource();
        source.ObserveSetup(Configured with { DeliveryEnabled = false });
        source.MarkStarted();

        Assert.Equal(BoxPhase.SetupNeeded, source.Current.Phase);
    }

    [Fact]
    public void RefusedLoginOutranksAnUnreachableSmarthostAndAStuckQueue()
    {
        var fault = BoxStatusSource.MostSerious([
            new Alert(AlertKind.QueueStuck, Since, "3 messages"),
            new Alert(AlertKind.SmarthostUnreachable, Since, "timeout"),
            new Alert(AlertKind.SmarthostLoginRefused, Since, "535"),
        ]);

        Assert.Equal(BoxFault.SmarthostLoginRefused, fault);
    }

    [Fact]
    public void StuckQueueAloneIsShown() =>
        Assert.Equal(BoxFault.QueueStuck, BoxStatusSource.MostSerious([new Alert(AlertKind.QueueStuck, Since, "3 messages")]));

    [Fact]
    public void FaultAndPhaseAreShownTogetherAndClearedWithTheAlerts()
    {
        var source = new BoxStatusSource();
        source.ObserveSetup(Configured);
        source.MarkStarted();

        source.ObserveAlerts([new Alert(AlertKind.OutboundPortBlocked, Since, "port 25")]);
        Assert.Equal(new BoxStatus(BoxPhase.Serving, BoxFault.OutboundPortBlocked), source.Current);
        Assert.True(source.Current.HasFault);

        source.ObserveAlerts([]);
        Assert.Equal(new BoxStatus(BoxPhase.Serving, BoxFault.None), source.Current);
    }

    [Fact]
    public void ChangedFiresOnlyWhenTheStatusDiffers()
    {
        var source = new BoxStatusSource();
        var seen = new List<BoxStatus>();
        source.Changed += seen.Add;

        source.ObserveSetup(Configured);
        source.MarkStarted();
        source.MarkStarted();
        source.ObserveAlerts([new Alert(AlertKind.SmarthostUnreachable, Since, "timeout")]);
        source.ObserveAlerts([new Alert(AlertKind.SmarthostUnreachable, Since, "timeout"), new Alert(AlertKind.QueueStuck, Since, "1")]);

        Assert.Equal([new BoxStatus(BoxPhase.Serving, BoxFault.None), new BoxStatus(BoxPhase.Serving, BoxFault.SmarthostUnreachable)], seen);
    }

    [Fact]
    public void ResetShowsWhileInProgressAndTheFactoryStateAfterwards()
    {
        var source = new BoxStatusSource();
        source.ObserveSetup(Configured);
        source.MarkStarted();

        source.ObserveReset(true);
        Assert.Equal(BoxPhase.Resetting, source.Current.Phase);

        source.ObserveSetup(Configured with { DeliveryEnabled = false, UserCount = 0 });
        source.ObserveReset(false);
        Assert.Equal(BoxPhase.SetupNeeded, source.Current.Phase);
    }
}
