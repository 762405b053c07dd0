using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Routing;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>Problems that may pass on their own count only when they last; a queue is stuck only past its limit.</summary>
public sealed class OwnerAlertsThresholdTests : IDisposable
{
    private readonly AlertsHarness harness = new();

    public void Dispose() => harness.Dispose();

    public static TheoryData<RouteCondition, AlertKind> PassingProblems => new()
    {
        { RouteCondition.SmarthostUnreachable, AlertKind.SmarthostUnreachable },
        { RouteCondition.OutboundPortBlocked, AlertKind.OutboundPortBlocked },
    };

    [Theory]
    [InlineData(RouteCondition.SmarthostUnreachable)]
    [InlineData(RouteCondition.OutboundPortBlocked)]
    public void ASingleFailedAttemptNeverRaisesTheAlert(RouteCondition condition)
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(condition, "connection timed out");
        harness.Clock.Advance(TimeSpan.FromHours(6));

        Assert.Empty(alerts.Active);
        Assert.Empty(harness.QueuedMail());
        Assert.Empty(harness.Log.Events);
    }

    [Theory]
    [MemberData(nameof(PassingProblems))]
    public void TheAlertIsRaisedWhenTheProblemIsSeenAgainAfterThePersistenceTimeDatedFromTheFirstSighting(RouteCondition condition, AlertKind kind)
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(condition, "first timeout");
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        alerts.ObserveRoute(condition, "second timeout");
        Assert.Empty(alerts.Active);

        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        alerts.ObserveRoute(condition, "third timeout");

        var alert = Assert.Single(alerts.Active);
        Assert.Equal(kind, alert.Kind);
        Assert.Equal(AlertsHarness.Start, alert.Since);
        Assert.Equal("third timeout", alert.Detail);
        Assert.Single(harness.QueuedMail());
    }

    [Fact]
    public void TwoAttemptsAtTheSameMomentDoNotMakeAnOutlast()
    {
        var alerts = harness.Create();
        for (int i = 0; i < 10; i++)
        {
            alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "connection refused");
        }

        Assert.Empty(alerts.Active);
    }

    [Fact]
    public void AHealthyAttemptBetweenTwoFailuresStartsTheClockAgain()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        harness.Clock.Advance(TimeSpan.FromMinutes(4));
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        harness.Clock.Advance(TimeSpan.FromMinutes(4));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        Assert.Empty(alerts.Active);

        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        Assert.Equal(AlertsHarness.Start + TimeSpan.FromMinutes(8), Assert.Single(alerts.Active).Since);
    }

    [Fact]
    public void TheUnreachableAlertIsLoggedAsAWarningTheOthersAsErrors()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, "535 no");

        Assert.Contains(harness.Log.At(Serilog.Events.LogEventLevel.Warning), line => line.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.Contains(harness.Log.At(Serilog.Events.LogEventLevel.Error), line => line.Contains("refused relaybox's login", StringComparison.Ordinal));
    }

    [Fact]
    public void TheQueueIsStuckOnlyOnceTheOldestMessageHasWaitedLongerThanTheLimit()
    {
        var alerts = harness.Create();
        DateTimeOffset arrival = AlertsHarness.Start;
        alerts.ObserveOldestWaiting(arrival);
        harness.Clock.Advance(TimeSpan.FromMinutes(59));
        alerts.ObserveOldestWaiting(arrival);
        Assert.Empty(alerts.Active);

        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        alerts.ObserveOldestWaiting(arrival);
        alerts.ObserveOldestWaiting(arrival);

        var alert = Assert.Single(alerts.Active);
        Assert.Equal(AlertKind.QueueStuck, alert.Kind);
        Assert.Equal(arrival + TimeSpan.FromHours(1), alert.Since);
        Assert.Contains("1 hour 5 minutes", alert.Detail, StringComparison.Ordinal);
        Assert.Single(harness.QueuedMail());
    }

    [Fact]
    public void TheCountOfWaitingMessagesGoesIntoTheReason()
    {
        var alerts = harness.Create();
        alerts.ObserveQueue(AlertsHarness.Start - TimeSpan.FromHours(26), waiting: 7);
        Assert.StartsWith("7 messages waiting; ", Assert.Single(alerts.Active).Detail, StringComparison.Ordinal);
        Assert.Contains("1 day 2 hours", alerts.Active[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyQueueOrAYoungerOldestMessageClearsQueueStuck()
    {
        var alerts = harness.Create();
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(2));
        Assert.Single(alerts.Active);
        alerts.ObserveOldestWaiting(null);
        Assert.Empty(alerts.Active);

        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(2));
        Assert.Single(alerts.Active);
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromMinutes(10));
        Assert.Empty(alerts.Active);
    }

    [Fact]
    public void WithTheQueueLimitOffTheQueueIsNeverStuck()
    {
        harness.Options = harness.Options with { QueueStuckAfter = null };
        var alerts = harness.Create();
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromDays(30));
        Assert.Empty(alerts.Active);
    }

    [Fact]
    public void TheLimitsComeFromTheOptions()
    {
        harness.Options = harness.Options with { QueueStuckAfter = TimeSpan.FromMinutes(10), RouteProblemPersistsFor = TimeSpan.FromMinutes(30) };
        var alerts = harness.Create();
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromMinutes(11));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        harness.Clock.Advance(TimeSpan.FromMinutes(29));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        Assert.Equal([AlertKind.QueueStuck], alerts.Active.Select(a => a.Kind));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        alerts.ObserveRoute(RouteCondition.SmarthostUnreachable, "timed out");
        Assert.Equal([AlertKind.QueueStuck, AlertKind.SmarthostUnreachable], alerts.Active.Select(a => a.Kind));
    }

    [Fact]
    public void ActiveIsOrderedByWhenEachProblemBeganNotByWhenItWasRaised()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, "535 no");
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(5));
        Assert.Equal([AlertKind.QueueStuck, AlertKind.SmarthostLoginRefused], alerts.Active.Select(a => a.Kind));
        Assert.Equal(AlertsHarness.Start - TimeSpan.FromHours(4), alerts.Active[0].Since);
    }
}
