using Relaybox.Smtp.Delivery.Alerts;
using Relaybox.Smtp.Delivery.Routing;
using Serilog.Events;

namespace Relaybox.Smtp.Tests.Delivery.Alerts;

/// <summary>Delivery attempts report at the same time: still one alert, one log line and one mail per episode.</summary>
public sealed class OwnerAlertsConcurrencyTests : IDisposable
{
    private const int Threads = 8;
    private const int ObservationsPerThread = 200;

    private readonly AlertsHarness harness = new();

    public void Dispose() => harness.Dispose();

    private static void RunTogether(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(n => new Thread(() =>
        {
            start.SignalAndWait();
            body(n);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void ManyAttemptsSeeingTheSameProblemAtOnceRaiseItOnce()
    {
        var alerts = harness.Create();
        int changes = 0;
        alerts.Changed += () => Interlocked.Increment(ref changes);

        RunTogether(_ =>
        {
            for (int i = 0; i < ObservationsPerThread; i++)
            {
                alerts.ObserveRoute(RouteCondition.SmarthostLoginRefused, "535 5.7.8 no");
                alerts.ObserveOldestWaiting(AlertsHarness.Start - TimeSpan.FromHours(2));
            }
        });

        Assert.Equal(2, alerts.Active.Count);
        Assert.Equal(2, changes);
        Assert.Equal(2, harness.QueuedMail().Count);
        Assert.Equal(2, harness.Log.At(LogEventLevel.Error).Count());
    }

    [Fact]
    public void RaisesAndClearsInterleavedLeaveMemoryLogAndFileInAgreement()
    {
        var alerts = harness.Create();
        RunTogether(n =>
        {
            for (int i = 0; i < ObservationsPerThread; i++)
            {
                bool healthy = (i + n) % 3 == 0;
                alerts.ObserveRoute(healthy ? RouteCondition.Healthy : RouteCondition.SmarthostCertificateRejected, healthy ? "" : "untrusted");
                _ = alerts.Active.Count;
            }
        });

        alerts.ObserveRoute(RouteCondition.SmarthostCertificateRejected, "untrusted");
        int raised = harness.Log.At(LogEventLevel.Error).Count();
        int resolved = harness.Log.At(LogEventLevel.Information).Count(line => line.Contains("resolved", StringComparison.Ordinal));

        Assert.Single(alerts.Active);
        Assert.Equal(raised - 1, resolved);
        Assert.Equal(alerts.Active, OwnerAlertFile.Read(harness.StateFile).Active);
        Assert.Single(harness.QueuedMail());
    }
}
