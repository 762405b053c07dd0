using Relaybox.Appliance.Setup;
using Relaybox.Smtp.Delivery.Manager;
using Relaybox.Smtp.Queue;
using Serilog;

namespace Relaybox.Appliance.Tests.Setup;

public sealed class RunningFactoryResetTests : IDisposable
{
    private readonly ResetBox box = new();
    private readonly List<string> calls = [];

    public void Dispose() => box.Dispose();

    [Fact]
    public async Task QueueIsHeldThroughTheManagerBeforeTheFilesChangeAndAgainAfterTheReload()
    {
        var status = new BoxStatusSource();
        var queue = new RecordingQueueControl(() => calls.Add(File.Exists(box.UsersFile) ? "hold, users still there" : "hold, users gone"));
        var config = box.LoadConfig();
        var phaseDuringReload = BoxPhase.Starting;
        var reset = new RunningFactoryReset(() => config, box.ConfigFile, queue, () =>
        {
            phaseDuringReload = status.Current.Phase;
            calls.Add(box.LoadConfig().Queue.Deliver ? "reload, old config" : "reload, factory config");
            return Task.CompletedTask;
        }, status, new LoggerConfiguration().CreateLogger(), new SetupClock(ResetBox.ResetTime));

        var result = await reset.ApplyAsync();

        Assert.NotNull(result);
        Assert.Equal(["hold, users still there", "reload, factory config", "hold, users gone"], calls);
        Assert.Equal(BoxPhase.Resetting, phaseDuringReload);
        Assert.NotEqual(BoxPhase.Resetting, status.Current.Phase);

        // The files of the queue are the manager's: they stay where it keeps them.
        Assert.True(File.Exists(box.Queue.QueueFilePath(QueueFolder.Active, box.Active[0])));
    }

    [Fact]
    public async Task FailedFileStepIsLoggedAndLeavesTheResetPendingForTheNextStart()
    {
        var config = box.LoadConfig();
        bool reloaded = false;
        var reset = new RunningFactoryReset(() => config, box.ConfigFile, new RecordingQueueControl(() => { }),
            () => { reloaded = true; return Task.CompletedTask; }, new BoxStatusSource(), new LoggerConfiguration().CreateLogger(),
            new SetupClock(ResetBox.ResetTime), new FactoryReset(new PowerCutFileSystem(4)));

        var result = await reset.ApplyAsync();

        Assert.Null(result);
        Assert.False(reloaded);
        Assert.True(FactoryResetMarker.IsPending(box.DataDir));
    }

    private sealed class RecordingQueueControl(Action onHold) : IQueueControl
    {
        public Task<QueueControlResult> FlushAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<QueueControlResult> HoldAsync(string target, CancellationToken cancellationToken)
        {
            Assert.Equal("all", target);
            onHold();
            return Task.FromResult(new QueueControlResult([]));
        }

        public Task<QueueControlResult> ReleaseAsync(string target, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<QueueControlResult> DeleteAsync(string target, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
