using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Routing;
using Serilog.Events;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>A restart neither forgets an alert nor mails about it again; the console sees what the daemon sees.</summary>
public sealed class OwnerAlertsRestartTests : IDisposable
{
    private const string LoginDetail = "535 5.7.8 Authentication credentials invalid";

    private readonly AlertsHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void ARaisedAlertSurvivesARestartWithoutASecondMailOrLogLine()
    {
        var before = harness.Create();
        before.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        harness.Clock.Advance(TimeSpan.FromHours(30));

        var after = harness.Create();
        Assert.Equal(before.Active, after.Active);
        after.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        Assert.Single(harness.QueuedMail());
        Assert.Single(harness.Log.At(LogEventLevel.Error));
        Assert.Contains(harness.Log.At(LogEventLevel.Information), line => line.Contains("before the restart", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRateLimitSurvivesARestart()
    {
        var before = harness.Create();
        before.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        before.ObserveRoute(RouteCondition.Healthy, "");
        harness.Clock.Advance(TimeSpan.FromHours(2));

        var after = harness.Create();
        Assert.Empty(after.Active);
        after.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        Assert.Single(after.Active);
        Assert.Single(harness.QueuedMail());
    }

    [Fact]
    public void AClearedAlertStaysClearedAfterARestart()
    {
        var before = harness.Create();
        before.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(2));
        before.ObserveOldestWaiting(null);

        Assert.Empty(harness.Create().Active);
    }

    [Fact]
    public void TheStateFileShowsTheConsoleWhatTheDaemonHasRaised()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "untrusted root");
        alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(2));

        var seen = OwnerAlertFile.Read(harness.StateFile);
        Assert.Null(seen.Problem);
        Assert.Equal(alerts.Active, seen.Active);
        Assert.Equal([AlertKind.SmarthostCertificateRejected, AlertKind.QueueStuck], seen.LastMailed.Keys.Order());

        alerts.ObserveRoute(RouteCondition.Healthy, "");
        Assert.Equal([AlertKind.QueueStuck], OwnerAlertFile.Read(harness.StateFile).Active.Select(a => a.Kind));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(harness.StateFile));
    }

    [Fact]
    public void ADamagedStateFileIsLoggedAndReplacedAtTheNextChange()
    {
        File.WriteAllText(harness.StateFile, "relaybox-alerts 1\nalert queue-stuck\n");

        var alerts = harness.Create();
        Assert.Empty(alerts.Active);
        Assert.Contains(harness.Log.At(LogEventLevel.Warning), line => line.Contains("damaged", StringComparison.Ordinal) && line.Contains("line 2", StringComparison.Ordinal));

        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        var read = OwnerAlertFile.Read(harness.StateFile);
        Assert.Null(read.Problem);
        Assert.Equal(alerts.Active, read.Active);
    }

    [Fact]
    public void AStateFileThatCannotBeWrittenDoesNotStopTheAlert()
    {
        harness.Options = harness.Options with { StateFile = Path.Combine(harness.Queue.Parent, "missing-dir", "alerts") };
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        Assert.Single(alerts.Active);
        Assert.Single(harness.QueuedMail());
        Assert.Contains(harness.Log.At(LogEventLevel.Warning), line => line.Contains("Could not save the alert state", StringComparison.Ordinal));
    }

    [Fact]
    public void AClockSetBackBeforeTheLastMailDoesNotSilenceANewEpisode()
    {
        var alerts = harness.Create();
        alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);
        alerts.ObserveRoute(RouteCondition.Healthy, "");

        harness.Clock.Advance(TimeSpan.FromDays(-400));
        var afterBoot = harness.Create();
        afterBoot.ObserveRoute(RouteCondition.SmarthostLoginRefused, LoginDetail);

        Assert.Equal(2, harness.QueuedMail().Count);
    }
}
