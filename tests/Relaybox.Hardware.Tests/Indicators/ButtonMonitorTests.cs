using System.Collections.Concurrent;
using Relaybox.Hardware.Indicators;

namespace Relaybox.Hardware.Tests.Indicators;

/// <summary>The loop that reads the line and arms timers; time is virtual, the loop itself runs on the thread pool.</summary>
public sealed class ButtonMonitorTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeInputLine _line;
    private readonly ButtonMonitor _monitor;
    private readonly ConcurrentQueue<string> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public ButtonMonitorTests()
    {
        _line = new FakeInputLine(_clock);
        _monitor = new ButtonMonitor(_line, _clock);
        _monitor.ShortPress += () => _events.Enqueue("short");
        _monitor.WarningStarted += () => _events.Enqueue("warning");
        _monitor.ResetArmed += () => _events.Enqueue("armed");
        _monitor.WarningCancelled += () => _events.Enqueue("cancelled");
        _monitor.FactoryResetRequested += () => _events.Enqueue("reset");
    }

    public Task InitializeAsync()
    {
        _loop = Task.Run(() => _monitor.RunAsync(_stop.Token));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _loop);
        _line.Dispose();
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(2);
        }
    }

    /// <summary>The loop has taken <paramref name="edges"/> edges and armed its timer for what comes next.</summary>
    private Task Settled(int edges) =>
        Eventually(() => _monitor.EdgesHandled == edges && _clock.ArmedTimers == 1, $"the loop to take edge {edges} and arm its timer");

    [Fact]
    public async Task IdleButtonArmsNoTimer()
    {
        await Task.Delay(50);
        Assert.Equal(0, _clock.ArmedTimers);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, _clock.Wakeups);
        Assert.False(_loop.IsCompleted);
    }

    [Fact]
    public async Task HeldButtonWarnsAtFiveSecondsWithoutPolling()
    {
        _line.Press();
        await Settled(1);
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(20);
        Assert.Empty(_events);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually(() => _events.Contains("warning"), "the warning");
        Assert.Equal(ButtonPhase.Warning, _monitor.Phase);
        Assert.Equal(1, _clock.Wakeups);
    }

    [Fact]
    public async Task TenSecondHoldAndReleaseRaisesTheFactoryReset()
    {
        _line.Press();
        await Settled(1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually(() => _events.Contains("warning") && _clock.ArmedTimers == 1, "the warning");
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Eventually(() => _events.Contains("armed"), "the reset to be armed");
        Assert.Equal(0, _clock.ArmedTimers); // held past 10 s: nothing to wait for but the release
        _clock.Advance(TimeSpan.FromSeconds(1));
        _line.Release();
        await Settled(2); // the bounce window
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        await Eventually(() => _events.Contains("reset"), "the reset");
        Assert.Equal(["warning", "armed", "reset"], _events);
    }

    [Fact]
    public async Task ReleaseAfterTheWarningCancelsIt()
    {
        _line.Press();
        await Settled(1);
        _clock.Advance(TimeSpan.FromSeconds(6));
        await Eventually(() => _events.Contains("warning") && _clock.ArmedTimers == 1, "the warning");
        _line.Release();
        await Settled(2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => _events.Contains("cancelled"), "the cancel");
        Assert.DoesNotContain("reset", _events);
    }

    [Fact]
    public async Task TwoSecondHoldDoesNotReset()
    {
        _line.Press();
        await Settled(1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _line.Release();
        await Settled(2);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually(() => _monitor.Phase == ButtonPhase.Released, "the release to be believed");
        Assert.Empty(_events);
    }

    [Fact]
    public async Task ShortPressRaisesShortPress()
    {
        _line.Press();
        await Settled(1);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        _line.Release();
        await Settled(2);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually(() => _events.Contains("short"), "the short press");
        Assert.Equal(["short"], _events);
    }
}
