using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Routing;
using Serilog.Events;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>One episode of a problem: raised once, mailed once, resolved once; a new episode is rate-limited.</summary>
public sealed class OwnerAlertsEpisodeTests : IDisposable
{
    private const string LoginDetail = "[smtp.example.net]:587 said 535 5.7.8 Authentication credentials invalid";

    private readonly AlertsHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void ARefusedLoginIsRaisedAtOnceLoggedOnceAndMailedOnceHoweverOftenItIsSeen()
    {
        var alerts = harness.Create();
        for (int attempt = 0; attempt < 20; attempt++)
        {
            alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
            harness.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var alert = Assert.Single(alerts.Active);
        Assert.Equal(AlertKind.SmarthostLoginRefused, alert.Kind);
        Assert.Equal(AlertsHarness.Start, alert.Since);
        Assert.Equal(LoginDetail, alert.Detail);
        Assert.Single(harness.QueuedMail());
        string raised = Assert.Single(harness.Log.At(LogEventLevel.Error));
        Assert.Contains(LoginDetail, raised);
        Assert.Contains("relayhost.secret", raised);
    }

    [Fact]
    public void ACertificateRejectionIsRaisedAtOnce()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "certificate of smtp.example.net: untrusted root");
        Assert.Equal(AlertKind.SmarthostCertificateRejected, Assert.Single(alerts.Active).Kind);
        Assert.Single(harness.QueuedMail());
    }

    [Fact]
    public void AHealthyAttemptClearsEveryRouteAlertWithOneResolvedLineEachAndNoMail()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "pin mismatch");
        alerts.ObserveRoute(RouteCondition.OutboundPortBlocked, "port 25 timed out for every MX of example.org");
        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        alerts.ObserveRoute(RouteCondition.OutboundPortBlocked, "port 25 timed out for every MX of example.org");
        Assert.Equal([AlertKind.SmarthostCertificateRejected, AlertKind.OutboundPortBlocked], alerts.Active.Select(a => a.Kind));
        int mails = harness.QueuedMail().Count;

        alerts.ObserveRoute(RouteCondition.Healthy, "");
        alerts.ObserveRoute(RouteCondition.Healthy, "");

        Assert.Empty(alerts.Active);
        Assert.Equal(2, harness.Log.At(LogEventLevel.Information).Count(line => line.Contains("resolved", StringComparison.Ordinal)));
        Assert.Equal(mails, harness.QueuedMail().Count);
    }

    [Fact]
    public void HealthyLeavesTheQueueStuckAlertStanding()
    {
        var alerts = harness.Create();
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(3));
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        Assert.Equal(AlertKind.QueueStuck, Assert.Single(alerts.Active).Kind);
    }

    [Fact]
    public void UnknownChangesNothing()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        var before = alerts.Active;
        alerts.ObserveRoute(RouteCondition.Unknown, "example.invalid has no mail servers");
        Assert.Same(before, alerts.Active);

        var fresh = new AlertsHarness();
        using (fresh)
        {
            var quiet = fresh.Create();
            quiet.ObserveRoute(RouteCondition.Unknown, "DNS failed for example.org");
            Assert.Empty(quiet.Active);
            Assert.Empty(fresh.QueuedMail());
            Assert.False(File.Exists(fresh.StateFile));
        }
    }

    [Fact]
    public void ARefusedLoginProvesTheSmarthostReachableAndItsCertificateTrusted()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "untrusted");
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Equal(AlertKind.SmarthostLoginRefused, Assert.Single(alerts.Active).Kind);
    }

    [Fact]
    public void ARaiseAfterAClearIsANewEpisodeLoggedAgainButNotMailedWithinTheInterval()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        harness.Clock.Advance(TimeSpan.FromHours(1));
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        var alert = Assert.Single(alerts.Active);
        Assert.Equal(AlertsHarness.Start + TimeSpan.FromHours(2), alert.Since);
        Assert.Equal(2, harness.Log.At(LogEventLevel.Error).Count());
        Assert.Single(harness.QueuedMail());
        Assert.Contains(harness.Log.At(LogEventLevel.Information), line => line.Contains("Not mailing", StringComparison.Ordinal));
    }

    [Fact]
    public void ANewEpisodeAfterTheMailIntervalIsMailedAgain()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        harness.Clock.Advance(TimeSpan.FromHours(23));
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        Assert.Single(harness.QueuedMail());

        harness.Clock.Advance(TimeSpan.FromHours(1));
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Equal(2, harness.QueuedMail().Count);
    }

    [Fact]
    public void TheRateLimitIsPerKind()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "untrusted");
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Equal(2, harness.QueuedMail().Count);
    }

    [Fact]
    public void ChangedFiresWhenTheSetChangesAndNotForRepeats()
    {
        var alerts = harness.Create();
        var seen = new List<int>();
        alerts.Changed += () => seen.Add(alerts.Active.Count);

        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.Healthy, "");
        alerts.ObserveRoute(RouteCondition.Healthy, "");

        Assert.Equal([1, 0], seen);
    }

    [Fact]
    public void WithoutAnAdminAddressNothingIsMailedAndTheLogSaysSoOnce()
    {
        harness.Options = harness.Options with { AdminAddress = null };
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "untrusted");
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromDays(1));

        Assert.Equal(3, alerts.Active.Count);
        Assert.Empty(harness.QueuedMail());
        Assert.Single(harness.Log.At(LogEventLevel.Warning), line => line.Contains("No admin address", StringComparison.Ordinal));
    }

    [Fact]
    public void AMailThatCannotBeQueuedIsLoggedAndDoesNotCountAgainstTheRateLimit()
    {
        var full = new FullDiskSpool();
        harness.Spool = full;
        var alerts = harness.Create();

        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Single(alerts.Active);
        Assert.Contains(harness.Log.At(LogEventLevel.Error), line => line.Contains("No space left on device", StringComparison.Ordinal));
        Assert.DoesNotContain("mailed", File.ReadAllText(harness.StateFile), StringComparison.Ordinal);

        alerts.ObserveRoute(RouteCondition.Healthy, "");
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        Assert.Equal(2, full.Attempts);
    }

    [Fact]
    public void ADetailIsKeptOnOneLineAndBounded()
    {
        var alerts = harness.Create();
        string longDetail = "first line\r\nBcc: victim@example.org\n" + new string('x', 2000);
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, longDetail);

        string detail = Assert.Single(alerts.Active).Detail;
        Assert.Equal(OwnerAlerts.MaxDetailLength, detail.Length);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain('\r', detail);
        Assert.EndsWith("...", detail, StringComparison.Ordinal);
        string mail = AlertsHarness.ContentOf(Assert.Single(harness.QueuedMail()));
        Assert.DoesNotContain("\r\nBcc:", mail, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingListenerDoesNotFailTheAttemptThatReported()
    {
        var alerts = harness.Create();
        alerts.Changed += () => throw new InvalidOperationException("LED line busy");

        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        Assert.Single(alerts.Active);
        Assert.Contains(harness.Log.At(LogEventLevel.Error), line => line.Contains("listener failed", StringComparison.Ordinal));
    }
}
